import { type PiiSpan, span } from '../pii-types.ts'
import { nameRuns } from './candidates.ts'
import type { Candidate, PersonContext } from './context.ts'
import { cueCaptures } from './cue-captures.ts'
import { wordEvidence } from './evidence.ts'
import { indexKnownNames, knownNameRuns } from './known-names.ts'
import { labelledValueRuns } from './labelled-values.ts'
import { lexicon } from './lexicon.ts'
import { applyNameLists } from './name-lists.ts'
import { propagateNames } from './propagate.ts'
import { scoreRun } from './score.ts'
import { titleCaseFlags } from './sentences.ts'
import { caseStyle, type Token, tokenize } from './tokens.ts'
import { NAME_SUFFIXES } from './vocabulary.ts'

export type PersonOptions = {
  /** Names the caller knows (a tenant's contacts): found whole in any case, and word by word. */
  knownNames?: readonly string[]
  /** Minimum score for a run of words to be a name; lower finds more and guesses more. */
  threshold?: number
}

/** Default minimum score: one unlisted capitalised word mid-sentence is a name; a listed one easily is. */
export const PERSON_THRESHOLD = 1

/**
 * Person names: runs of name-like words (capitalised, or in the multicultural name lists) scored by what
 * the lists say of each word, the shape of the run (first name + surname, initials, particles) and its
 * context (honorifics, "my name is", verbs people do, places and organisations that rule it out); then
 * names after a cue, coordinated lists, the caller's known names, the values of person-name fields
 * (`Last Name: Silva, Mensah`) and repeated mentions.
 */
export function detectPersons(text: string, options: PersonOptions = {}): PiiSpan[] {
  const threshold = options.threshold ?? PERSON_THRESHOLD
  const tokens = tokenize(text)
  if (tokens.length === 0) return []
  const lex = lexicon()
  const known = indexKnownNames(options.knownNames)
  const evidence = tokens.map((t) => wordEvidence(t, lex, known.words))
  const style = caseStyle(tokens)
  const ctx: PersonContext = { text, tokens, evidence, titleCase: titleCaseFlags(tokens, lex.wordRank), style, lex }
  // Text without capitals hides every name's shape: ask more of the lists.
  const bar = style === 'mixed' ? threshold : threshold + 0.5
  const runs = nameRuns(ctx).map((run) => scoreRun(ctx, run))
  applyNameLists(ctx, runs, bar)
  const candidates: Candidate[] = [
    ...runs.filter((r) => !r.rejected && (r.score >= bar || (r.cue && r.score >= threshold))),
    ...cueCaptures(ctx),
    ...knownNameRuns(ctx, known),
    ...labelledValueRuns(ctx),
  ]
  const accepted = pickNonOverlapping(candidates)
  const all = pickNonOverlapping([...accepted, ...propagateNames(ctx, accepted, threshold)])
  return all.map((c) => {
    const first = tokens[c.first] as Token
    const end = withSuffix(text, tokens, c.last)
    return span(first.start, end, 'PERSON', Math.min(1, Math.max(0.3, c.score / 5)))
  })
}

/** The highest-scoring candidates that do not share a token, longest first among equals, in text order. */
function pickNonOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const taken = new Set<number>()
  const out: Candidate[] = []
  const order = [...candidates].sort((a, b) => b.score - a.score || b.last - b.first - (a.last - a.first))
  for (const c of order) {
    let free = true
    for (let i = c.first; i <= c.last && free; i++) if (taken.has(i)) free = false
    if (!free) continue
    for (let i = c.first; i <= c.last; i++) taken.add(i)
    out.push(c)
  }
  return out.sort((a, b) => a.first - b.first)
}

/** Where a name ends, taking in letters after it (Jr., PhD, DDS) when they follow directly. */
function withSuffix(text: string, tokens: readonly Token[], last: number): number {
  const next = tokens[last + 1]
  const end = (tokens[last] as Token).end
  if (!next || !NAME_SUFFIXES.has(next.key) || next.shape === 'lower') return end
  if (!/^,?[ \t]$/.test(next.gapBefore)) return end
  return text[next.end] === '.' ? next.end + 1 : next.end
}
