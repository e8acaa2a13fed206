import { describe, expect, it } from 'vitest'
import { cosineSimilarity } from '../../../workers/core/llm/ngram-embedding.ts'
import { analyze, termFrequencies } from '../../../workers/core/nlp/kb/analyze.ts'
import { bm25Score, firstPassTerms, idf, planLexicalQuery, secondPass } from '../../../workers/core/nlp/kb/bm25.ts'
import { contentHash, prepareChunks } from '../../../workers/core/nlp/kb/document.ts'
import { rarityWeight, retrievalEmbedding } from '../../../workers/core/nlp/kb/embedding.ts'
import { fuse } from '../../../workers/core/nlp/kb/fusion.ts'
import { porterStem } from '../../../workers/core/nlp/kb/porter.ts'

describe('analyze', () => {
  it('lower-cases, drops stop words and possessives, and stems with Porter', () => {
    expect(analyze("The Company's revenues were growing in 2023, as expected!")).toEqual([
      'compani',
      'revenu',
      'were',
      'grow',
      '2023',
      'expect',
    ])
    expect(analyze('the of and')).toEqual([])
  })

  it('stems as Porter (1980) does', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['hopping', 'hop'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['generalization', 'gener'],
      ['adjustment', 'adjust'],
      ['controll', 'control'],
      ['aeroelastic', 'aeroelast'],
    ]
    for (const [word, stem] of cases) expect(porterStem(word), word).toBe(stem)
  })

  it('counts term frequencies', () => {
    expect([...termFrequencies(analyze('lift, more lift, lifting'))]).toEqual([
      ['lift', 3],
      ['more', 1],
    ])
  })
})

describe('BM25 planning', () => {
  const stats = { chunks: 1000, tokens: 100_000 }
  const df = new Map([
    ['rare', 3],
    ['mid', 200],
    ['common', 900],
  ])

  it('weights terms by idf and drops terms no chunk has; nothing to match gives null', () => {
    const plan = planLexicalQuery(['common', 'rare', 'absent', 'rare'], df, stats)
    expect(plan?.terms.map((t) => t.term)).toEqual(['common', 'rare'])
    expect(plan?.terms[1]?.weight).toBeCloseTo(idf(3, 1000) * 2.2 * 2)
    expect(planLexicalQuery(['absent'], df, stats)).toBeNull()
    expect(planLexicalQuery([], df, stats)).toBeNull()
  })

  it('starts with the rarest terms within the first pass budget, and always at least one', () => {
    const plan = planLexicalQuery(['common', 'mid', 'rare'], df, stats)
    if (!plan) throw new Error('no plan')
    expect(firstPassTerms(plan, 250)).toEqual(['rare', 'mid'])
    expect(firstPassTerms(plan, 1)).toEqual(['rare'])
    expect(firstPassTerms(plan, 10_000).sort()).toEqual(['common', 'mid', 'rare'])
  })

  it('skips the light terms a chunk cannot reach the threshold with, unless looking them up costs more (MaxScore)', () => {
    // 'light' is in most chunks and weighs little; 'rare' is in few: looking 'light' up for rare's chunks is cheap.
    const wide = new Map([
      ['rare', 3],
      ['light', 950],
    ])
    const plan = planLexicalQuery(['light', 'rare'], wide, stats)
    if (!plan) throw new Error('no plan')
    const weight = (term: string) => plan.terms.find((t) => t.term === term)?.weight as number
    expect(secondPass(plan, weight('light') + 0.01)).toEqual({ read: ['rare'], restBound: weight('light') })
    // A threshold the light term alone could reach: it must be read.
    expect(secondPass(plan, weight('light') - 0.01).read.sort()).toEqual(['light', 'rare'])
    // No threshold yet (too few results): everything is read; the heaviest term always is.
    expect(secondPass(plan, 0)).toEqual({ read: ['light', 'rare'], restBound: 0 })
    expect(secondPass(plan, 1e9).read).toEqual(['rare'])
    // Looking 'mid' up for each of 'common'-ish essential chunks would cost more than reading it: read it all.
    const close = new Map([
      ['mid', 200],
      ['other', 150],
    ])
    const costly = planLexicalQuery(['mid', 'other'], close, stats)
    if (!costly) throw new Error('no plan')
    const light = Math.min(...costly.terms.map((t) => t.weight))
    expect(secondPass(costly, light + 0.01)).toEqual({ read: ['mid', 'other'], restBound: 0 })
  })

  it('leaves as many light terms to lookups as is cheapest, which is often some but not all', () => {
    // Document frequencies of a six-word query on 100,842 chunks (the retrieval bench's corpus).
    const corpus = { chunks: 100_842, tokens: 100_842 * 187 }
    const frequent = new Map([
      ['first', 61_184],
      ['been', 48_596],
      ['name', 35_936],
      ['won', 18_377],
      ['best', 14_856],
      ['sagebrush', 174],
    ])
    const plan = planLexicalQuery([...frequent.keys()], frequent, corpus)
    if (!plan) throw new Error('no plan')
    const read = (threshold: number) => secondPass(plan, threshold).read.sort()
    // Leaving 'won' light too would need it looked up for nearly every 'best' chunk; reading first, been and
    // name would cost 145,000 postings. Measured there: 23 ms this way, 162 ms with 'won' light, 106 ms reading all.
    expect(read(9.25)).toEqual(['best', 'sagebrush', 'won'])
    // A threshold the light terms nearly reach on their own leaves most chunks to look up: read (almost) all.
    expect(read(2)).toHaveLength(6)
    // One no other term can reach leaves only the rarest to read.
    expect(read(20)).toEqual(['sagebrush'])
  })

  it('scores as Okapi BM25: more occurrences help with saturation, longer chunks score lower', () => {
    const plan = planLexicalQuery(['rare'], df, stats)
    if (!plan) throw new Error('no plan')
    const once = bm25Score(plan, new Map([['rare', 1]]), 100)
    const twice = bm25Score(plan, new Map([['rare', 2]]), 100)
    const longer = bm25Score(plan, new Map([['rare', 1]]), 400)
    expect(twice).toBeGreaterThan(once)
    expect(twice).toBeLessThan(2 * once)
    expect(longer).toBeLessThan(once)
    // At the average length, tf = 1 scores exactly idf.
    expect(once).toBeCloseTo(idf(3, 1000))
  })
})

describe('fuse', () => {
  const text = [
    { id: 'a', score: 9 },
    { id: 'b', score: 5 },
    { id: 'c', score: 1 },
  ]
  const vector = [
    { id: 'c', score: 0.9 },
    { id: 'd', score: 0.5 },
  ]

  it('says which retrievers found each hit, with their rank and score', () => {
    const fused = fuse({ fulltext: text, vector }, { method: 'rrf' })
    const c = fused.find((h) => h.id === 'c')
    expect(c?.retrievers).toEqual({ fulltext: { rank: 3, score: 1 }, vector: { rank: 1, score: 0.9 } })
    expect(fused.find((h) => h.id === 'd')?.retrievers).toEqual({ vector: { rank: 2, score: 0.5 } })
    expect(fused).toHaveLength(4)
  })

  it('rrf: a hit both retrievers rank well wins over one only a single retriever ranks first', () => {
    const fused = fuse({ fulltext: text, vector }, { method: 'rrf', k: 1 })
    expect(fused[0]?.id).toBe('c')
  })

  it('score: min-max normalised, weighted; the weights decide between the lists', () => {
    const lexical = fuse({ fulltext: text, vector }, { method: 'score', weights: { fulltext: 0.9, vector: 0.1 } })
    expect(lexical.map((h) => h.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(lexical[0]?.score).toBeCloseTo(0.9)
    const semantic = fuse({ fulltext: text, vector }, { method: 'score', weights: { fulltext: 0.1, vector: 0.9 } })
    expect(semantic[0]?.id).toBe('c')
  })

  it('is deterministic on ties and handles empty or single lists', () => {
    expect(fuse({})).toEqual([])
    expect(fuse({ fulltext: [], vector: [] })).toEqual([])
    const single = fuse({ vector: [{ id: 'x', score: 0.3 }] }, { method: 'score', weights: { vector: 0.3 } })
    expect(single).toEqual([{ id: 'x', score: 0.3, retrievers: { vector: { rank: 1, score: 0.3 } } }])
    const tied = fuse({ fulltext: [{ id: 'p', score: 1 }], vector: [{ id: 'q', score: 1 }] }, { method: 'rrf' })
    expect(tied.map((h) => h.id)).toEqual(['p', 'q'])
  })
})

describe('documents', () => {
  const doc = {
    key: 'k',
    title: 'Acme 10-K',
    text: 'Revenue grew.\n\nCosts fell.',
    sourceKind: 'text' as const,
    metadata: {},
  }

  it('indexes and embeds each chunk with its document title', () => {
    const [chunk] = prepareChunks(doc)
    expect(chunk?.embedText).toBe('Acme 10-K\nRevenue grew.\n\nCosts fell.')
    expect(chunk?.terms).toEqual(['acm', '10', 'k', 'revenu', 'grew', 'cost', 'fell'])
  })

  it('hashes content, title, kind and metadata, whatever the metadata key order', async () => {
    const h = await contentHash(doc)
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(await contentHash({ ...doc })).toBe(h)
    expect(await contentHash({ ...doc, text: `${doc.text}!` })).not.toBe(h)
    expect(await contentHash({ ...doc, title: 'Other' })).not.toBe(h)
    expect(await contentHash({ ...doc, metadata: { a: 1, b: 2 } })).toBe(
      await contentHash({ ...doc, metadata: { b: 2, a: 1 } }),
    )
  })
})

describe('the offline retrieval embedding', () => {
  it('weights a word by its rarity in English: function words barely count, unlisted words fully', () => {
    expect(rarityWeight('the')).toBeLessThan(0.05)
    expect(rarityWeight('turbine')).toBeGreaterThan(rarityWeight('water'))
    expect(rarityWeight('zephyrine')).toBe(1)
  })

  it('is deterministic, unit length, and ranks a passage sharing the rare words above one sharing the common ones', () => {
    const query = retrievalEmbedding('what is the boundary layer transition on a swept wing', 512)
    expect(query).toHaveLength(512)
    expect(retrievalEmbedding('what is the boundary layer transition on a swept wing', 512)).toEqual(query)
    expect(Math.hypot(...query)).toBeCloseTo(1)
    const relevant = retrievalEmbedding('Boundary-layer transition measured on swept wings in a wind tunnel.', 512)
    const commonWords = retrievalEmbedding('What is it that is on the table, and what is on the wall?', 512)
    expect(cosineSimilarity(query, relevant)).toBeGreaterThan(cosineSimilarity(query, commonWords))
  })
})
