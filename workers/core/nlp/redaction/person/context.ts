import type { WordEvidence } from './evidence.ts'
import type { Lexicon } from './lexicon.ts'
import type { Token } from './tokens.ts'

/** Everything the person detector knows about one text, shared by its steps. */
export type PersonContext = {
  text: string
  tokens: readonly Token[]
  evidence: readonly WordEvidence[]
  titleCase: readonly boolean[]
  style: 'mixed' | 'lower' | 'upper'
  lex: Lexicon
}

/** A run of tokens [first, last] proposed as one person's name, with its score. */
export type Candidate = { first: number; last: number; score: number; rejected: boolean; cue: boolean }

/** Whether only spaces separate two adjacent tokens (or the period of an initial or honorific). */
export function joined(tokens: readonly Token[], right: number): boolean {
  const t = tokens[right]
  const left = tokens[right - 1]
  if (!t || !left || left.possessive) return false
  if (/^[ \t\u00a0]{1,2}$/.test(t.gapBefore)) return true
  return /^\.[ \t\u00a0]{1,2}$/.test(t.gapBefore) && (left.shape === 'initial' || left.text.length === 1)
}

/** Whether token `right` continues the clause of token `right - 1` (a comma at most between them). */
export function sameClause(tokens: readonly Token[], right: number): boolean {
  const t = tokens[right]
  return t !== undefined && right > 0 && !t.clauseStart
}
