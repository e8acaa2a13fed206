import { describe, expect, it } from 'vitest'
import { chunkText } from '../../../workers/core/nlp/kb/chunk.ts'

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i} in some detail for the reader.`
const paragraphs = (count: number, sentences: number) =>
  Array.from({ length: count }, (_, p) =>
    Array.from({ length: sentences }, (_, s) => sentence(p * sentences + s)).join(' '),
  ).join('\n\n')

describe('chunkText', () => {
  it('gives no chunk for blank text and one for a short one', () => {
    expect(chunkText('   \n\n ')).toEqual([])
    const [only, ...rest] = chunkText('A short note.')
    expect(rest).toEqual([])
    expect(only).toMatchObject({ ordinal: 0, text: 'A short note.', start: 0, end: 13, headings: [] })
  })

  it('keeps every chunk a slice of the source within the size, and covers the whole text', () => {
    const text = paragraphs(12, 6)
    const chunks = chunkText(text, 'text', { targetTokens: 120, overlapTokens: 20 })
    expect(chunks.length).toBeGreaterThan(5)
    for (const c of chunks) {
      expect(c.text).toBe(text.slice(c.start, c.end))
      expect(c.text.length).toBeLessThanOrEqual(120 * 4)
    }
    expect(chunks[0]?.start).toBe(0)
    expect(chunks.at(-1)?.end).toBe(text.length)
    // No gap between consecutive chunks: each starts at or before the previous one's end.
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.start).toBeLessThanOrEqual(chunks[i - 1]?.end as number)
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i))
  })

  it('repeats the end of a chunk at the start of the next (overlap), never a whole chunk', () => {
    const text = paragraphs(1, 40)
    const chunks = chunkText(text, 'text', { targetTokens: 100, overlapTokens: 30 })
    expect(chunks.length).toBeGreaterThan(3)
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1] as (typeof chunks)[number]
      const cur = chunks[i] as (typeof chunks)[number]
      expect(cur.start).toBeLessThan(prev.end)
      expect(cur.start).toBeGreaterThan(prev.start)
    }
    // Without overlap, chunks meet end to start.
    const plain = chunkText(text, 'text', { targetTokens: 100, overlapTokens: 0 })
    for (let i = 1; i < plain.length; i++) expect(plain[i]?.start).toBeGreaterThanOrEqual(plain[i - 1]?.end as number)
  })

  it('cuts at sentence ends, not inside a sentence, when sentences fit', () => {
    const text = paragraphs(1, 30)
    for (const c of chunkText(text, 'text', { targetTokens: 80, overlapTokens: 0 })) expect(c.text).toMatch(/\.$/)
  })

  it('prefers to end a chunk at a paragraph break', () => {
    const text = paragraphs(6, 3)
    const chunks = chunkText(text, 'text', { targetTokens: 150, overlapTokens: 0 })
    for (const c of chunks.slice(0, -1)) expect(text.slice(c.end, c.end + 2)).toBe('\n\n')
  })

  it('cuts a sentence longer than a chunk between words', () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ')
    const chunks = chunkText(long, 'text', { targetTokens: 50, overlapTokens: 0 })
    expect(chunks.length).toBeGreaterThan(5)
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200)
      expect(c.text).toMatch(/^word\d+( word\d+)*$/)
    }
  })

  it('starts a chunk at each Markdown heading and names the headings a chunk sits under', () => {
    const md = [
      '# Annual report',
      '',
      'Intro paragraph about the year.',
      '',
      '## Revenue',
      '',
      'Revenue grew by ten percent.',
      '',
      '### By region',
      '',
      'Europe led the growth.',
      '',
      '## Costs',
      '',
      'Costs were flat.',
    ].join('\n')
    const chunks = chunkText(md, 'markdown', { targetTokens: 400 })
    expect(chunks.map((c) => c.headings)).toEqual([
      ['Annual report'],
      ['Annual report', 'Revenue'],
      ['Annual report', 'Revenue', 'By region'],
      ['Annual report', 'Costs'],
    ])
    expect(chunks[3]?.text).toBe('## Costs\n\nCosts were flat.')
  })

  it('treats headings as text in plain text, and keeps a Markdown code fence whole', () => {
    expect(chunkText('# not a heading\n\nbody', 'text')[0]?.headings).toEqual([])
    const md = '# Setup\n\n```sh\nnpm install\nnpm start\n```\n\nThen open the console.'
    const [chunk] = chunkText(md, 'markdown')
    expect(chunk?.text).toContain('```sh\nnpm install\nnpm start\n```')
  })
})
