import { type Candidate, type PersonContext, sameClause } from './context.ts'
import {
  COMMON_WORD_RANK,
  foreignBonus,
  isCamelCase,
  isCompoundOfWords,
  lexicalScore,
  type WordEvidence,
} from './evidence.ts'
import type { Token } from './tokens.ts'
import {
  CALENDAR_WORDS,
  LABEL_TRIGGERS,
  MOTION_WORDS,
  NAME_PARTICLES,
  ORG_WORDS,
  PERSON_PRONOUNS,
  PERSON_VERBS_AFTER,
  PLACE_NOUNS_AFTER,
  PLACES_AND_PEOPLES,
  STREET_WORDS_AFTER,
  STREET_WORDS_BEFORE,
  STRONG_TRIGGERS,
  THING_NOUNS_AFTER,
  TITLES,
  VOCATIVE_NEXT,
  WEAK_TITLES,
  WEAK_TRIGGERS,
} from './vocabulary.ts'

/** Prepositions of place before a capitalised word, and how much they count against a person. */
const PLACE_PREPOSITIONS: Readonly<Record<string, number>> = {
  in: 1.5,
  near: 1.5,
  based: 1.5,
  via: 1.5,
  across: 1.2,
  around: 1,
  outside: 1,
  inside: 1,
  visit: 1,
  visiting: 1,
  at: 1,
  from: 0.7,
  into: 1,
  towards: 1,
  toward: 1,
}

/** Whether token `i` is an honorific that introduces the name after it. */
export function isTitleAt(ctx: PersonContext, i: number): boolean {
  const t = ctx.tokens[i]
  if (!t || !TITLES.has(t.key)) return false
  if (!WEAK_TITLES.has(t.key)) return true
  return t.shape === 'cap' || ctx.text[t.end] === '.'
}

/** Whether a strong cue ("my name is", "Hi", "User:") stands right before token `i`. */
export function strongCueBefore(ctx: PersonContext, i: number): boolean {
  const { tokens } = ctx
  const t = tokens[i]
  if (!t || i === 0) return false
  const gap = t.gapBefore
  const labelled = /[:\n]/.test(gap) && !/[.!?]/.test(gap)
  if (!labelled && t.clauseStart && !/^,\s*$/.test(gap)) return false
  // Up to three words before, nearest last, within one clause; "name's" reads as "name", "'s".
  const words: string[] = []
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const w = tokens[k] as Token
    words.unshift(...(w.possessive ? [w.key, "'s"] : [w.key]))
    if (w.clauseStart) break
  }
  for (const trigger of STRONG_TRIGGERS) {
    const offset = words.length - trigger.length
    if (offset < 0 || !trigger.every((word, k) => words[offset + k] === word)) continue
    if (trigger.length === 1 && LABEL_TRIGGERS.has(trigger[0] as string) && !labelled) continue
    return true
  }
  return false
}

/** The score of one run of name-like words in its context; `rejected` when the context rules it out. */
export function scoreRun(ctx: PersonContext, run: Candidate): Candidate {
  const { tokens, evidence, style, lex } = ctx
  const ev = (i: number) => evidence[i] as WordEvidence
  const tok = (i: number) => tokens[i] as Token
  const core: number[] = []
  let initials = 0
  for (let i = run.first; i <= run.last; i++) {
    if (ev(i).particle && !ev(i).known) continue
    if (tok(i).shape === 'initial' || tok(i).text.length === 1) {
      initials++
      continue
    }
    core.push(i)
  }
  if (core.length === 0) return { ...run, rejected: true }
  const head = core[0] as number
  const tail = core.at(-1) as number
  let score = 0
  for (const i of core) {
    const t = tok(i)
    const e = ev(i)
    let capital = 0
    if (style === 'mixed' && !ctx.titleCase[i]) {
      if (t.clauseStart) {
        // A sentence's first word is capitalised anyway; one that is no English word at all is still a
        // proper noun.
        const unlisted = e.first === 0 && e.last === 0 && !e.known
        if (t.shape === 'cap' && unlisted && e.wordRank >= COMMON_WORD_RANK) capital = 0.5
      } else if (t.shape === 'cap') capital = e.wordRank < COMMON_WORD_RANK ? 0.5 : 1
      else if (t.shape === 'upper') capital = 0.1
    }
    score += lexicalScore(e) + capital + foreignBonus(t)
  }
  if (core.length >= 2) {
    score += 0.5
    const e0 = ev(head)
    const e1 = ev(tail)
    if (e0.first >= 1 && (e1.last >= 1 || e1.shape > 0 || e1.wordRank >= COMMON_WORD_RANK)) score += 0.5
  }
  if (initials > 0 && core.length >= 1) score += 0.5

  // Before the run.
  const before = run.first - 1
  const prev = tokens[before]
  const linked = sameClause(tokens, run.first)
  let cue = false
  if (prev && isTitleAt(ctx, before) && (linked || /^\.\s+$/.test(tok(run.first).gapBefore))) {
    score += 3
    cue = true
  } else if (strongCueBefore(ctx, run.first)) {
    score += 2.5
    cue = true
  } else if (prev && linked) {
    const gap = tok(run.first).gapBefore
    if (prev.shape === 'number' && /^[ \t]*$/.test(gap)) return { ...run, rejected: true }
    // "Dunajska 56, Studenec": the town after a street and its number.
    const beforeNumber = tokens[before - 1]
    if (
      prev.shape === 'number' &&
      prev.text.length <= 5 &&
      /^,\s*$/.test(gap) &&
      beforeNumber !== undefined &&
      beforeNumber.shape !== 'number' &&
      /^[ \t]+$/.test(prev.gapBefore)
    ) {
      return { ...run, rejected: true }
    }
    // Part of a longer capitalised name that is no person's: Credit Karma, Standard And Poors, Store Merløse.
    if (!prev.clauseStart && (prev.shape === 'cap' || prev.shape === 'upper') && /^[ \t]+$/.test(gap)) {
      const pe = ev(before)
      if (pe.wordRank < 100 && !pe.first) return { ...run, rejected: true }
      if (pe.blocked || pe.softBlocked || (pe.wordRank < COMMON_WORD_RANK && pe.first < 1 && pe.last < 1)) score -= 1
    }
    const streetBefore = [before, before - 1, before - 2].some((k) => {
      const w = tokens[k]
      return w !== undefined && (STREET_WORDS_BEFORE.has(w.key) || (STREET_WORDS_AFTER.has(w.key) && w.shape === 'cap'))
    })
    if (streetBefore && ev(head).first < 1) return { ...run, rejected: true }
    if (WEAK_TRIGGERS.has(prev.key)) score += 0.5
    let place = PLACE_PREPOSITIONS[prev.key]
    // "moved from Montijo to Bessastaðahreppur", "a flight to Hirvli".
    if (prev.key === 'to' || prev.key === 'from') {
      for (let k = before - 1; k >= Math.max(0, before - 3); k--) {
        const w = tok(k)
        if (MOTION_WORDS.has(w.key)) place = Number.POSITIVE_INFINITY
        if (w.clauseStart) break
      }
    }
    // "a nurse in Chiclana de la Frontera": after "in" a run with no first name is a place (but "in
    // Dratchev's novel" is not).
    if ((prev.key === 'in' || prev.key === 'near') && ev(head).first < 1 && !tok(run.last).possessive) {
      place = Number.POSITIVE_INFINITY
    }
    // "works at Bridgewater": a lone surname after "at" is a firm.
    if (prev.key === 'at' && core.length === 1 && ev(head).first < 1) place = 2.5
    if (place !== undefined && !ev(head).known) {
      if (place === Number.POSITIVE_INFINITY && ev(head).first < 1) return { ...run, rejected: true }
      score -= ev(head).first >= 1 ? Math.min(place, 2.5) * 0.6 : place
    }
    if (core.length === 1 && ev(head).first < 1 && prev.key === 'of') score -= 0.5
  }

  // After the run.
  const after = run.last + 1
  const next = tokens[after]
  if (next && sameClause(tokens, after)) {
    const gap = next.gapBefore
    const tight = /^[ \t]*$/.test(gap)
    if (tight && ORG_WORDS.has(next.key) && next.shape !== 'lower') return { ...run, rejected: true }
    // Arpin Van Lines, Johnson & Johnson Inc.: an organisation word behind a particle or an ampersand.
    let k = after
    while (tokens[k] && NAME_PARTICLES.has(tok(k).key) && tok(k).shape === 'cap' && /^[ \t]+$/.test(tok(k).gapBefore))
      k++
    if (k > after && tokens[k] && ORG_WORDS.has(tok(k).key) && tok(k).shape !== 'lower')
      return { ...run, rejected: true }
    if (tight && STREET_WORDS_AFTER.has(next.key) && (next.shape !== 'lower' || style !== 'mixed')) {
      return { ...run, rejected: true }
    }
    // "Hammarvägen 15", "Spinatsch 94 Apt. 615": a street and its house number; a phone number after a
    // name ("Jane Doe 212-555-0100") continues with more digit groups and rules nothing out.
    const houseNumber =
      tight &&
      next.shape === 'number' &&
      next.text.length <= 5 &&
      !/^[-. /]?\d/.test(ctx.text.slice(next.end, next.end + 2)) &&
      !tok(run.last).possessive
    if (houseNumber) return { ...run, rejected: true }
    // "Lascano, Uruguay": a town before its country (a name with a first name stays: "Marcus Paulsen, Spain").
    if (/^,\s*$/.test(gap) && PLACES_AND_PEOPLES.has(next.key) && next.shape !== 'lower' && ev(head).first < 1) {
      return { ...run, rejected: true }
    }
    // "our Montijo office", "the Suddath branch".
    if (next.shape === 'lower' && PLACE_NOUNS_AFTER.has(next.key) && !tok(run.last).possessive && ev(head).first < 1) {
      return { ...run, rejected: true }
    }
    // Black Friday, Cyber Monday.
    if (tight && CALENDAR_WORDS.has(next.key) && next.shape === 'cap') return { ...run, rejected: true }
    if (next.shape === 'lower' && PERSON_VERBS_AFTER.has(next.key)) score += 0.7
    // "the Shopify orders stream", "the Jira webhook": a system, unless the lists know the word as a name.
    const noun = THING_NOUNS_AFTER.has(next.key) ? next : tokens[after + 1]
    const nounAt = noun === next ? after : after + 1
    if (
      core.length === 1 &&
      next.shape === 'lower' &&
      noun !== undefined &&
      THING_NOUNS_AFTER.has(noun.key) &&
      sameClause(tokens, nounAt) &&
      ev(head).first < 1 &&
      ev(head).last < 1
    ) {
      score -= 1
    }
  }
  for (let k = after; k < Math.min(tokens.length, after + 6); k++) {
    const w = tok(k)
    if (k > after && w.clauseStart && /[.!?\n]/.test(w.gapBefore)) break
    if (PERSON_PRONOUNS.has(w.key) && w.shape !== 'cap') {
      score += 0.4
      break
    }
  }
  if (tok(run.last).possessive) score += 0.4
  // A street's name (Forrest Hill, Waechter Turnpike) unless it starts with a first name.
  const lastWord = tok(tail)
  if (
    core.length > 1 &&
    STREET_WORDS_AFTER.has(lastWord.key) &&
    (lastWord.shape === 'cap' || style !== 'mixed') &&
    ev(head).first < 1
  ) {
    return { ...run, rejected: true }
  }

  // One word alone.
  if (core.length === 1) {
    const t = tok(head)
    const e = ev(head)
    const listed = e.first >= 1 || e.last >= 1 || e.known
    if (!listed && isCompoundOfWords(t.key, lex)) score -= 1.2
    if (isCamelCase(t.text)) score -= 1.5
    if (!listed && /^\p{Lu}[^-]*-\p{Lu}/u.test(t.text)) score -= 0.5
    // A sentence's first word needs something after it that people do: a verb, a possessive, a comma
    // before "thank you" ("Labrie, thank you for …").
    if (t.clauseStart && e.first < 1 && !e.known && !cue) {
      const n = tokens[run.last + 1]
      const verb =
        n !== undefined && n.shape === 'lower' && PERSON_VERBS_AFTER.has(n.key) && /^[ \t]+$/.test(n.gapBefore)
      const vocative = n !== undefined && /^,\s*$/.test(n.gapBefore) && VOCATIVE_NEXT.has(n.key)
      const english = e.first === 0 && e.last === 0 && e.wordRank < COMMON_WORD_RANK
      if (english || (!verb && !vocative && !t.possessive)) score -= 1.5
      else score += vocative ? 0.7 : 0.3
    }
    // All capitals in mixed text (TROMSØ, GUÉRET): a town in an address, unless the lists know a first name.
    if (t.shape === 'upper' && style === 'mixed' && e.first < 1 && !e.known && !cue) return { ...run, rejected: true }
  }
  return { ...run, score, cue }
}
