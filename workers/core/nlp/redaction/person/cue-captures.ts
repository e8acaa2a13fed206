import { type Candidate, joined, type PersonContext } from './context.ts'
import { lexicalScore, type WordEvidence } from './evidence.ts'
import { isTitleAt, strongCueBefore } from './score.ts'
import type { Token } from './tokens.ts'
import { STRONG_TRIGGERS, TITLES } from './vocabulary.ts'

// The words a cue can end with: only after one of them is a cue worth checking.
const CUE_ENDINGS = new Set([...STRONG_TRIGGERS.map((t) => t.at(-1) as string), ...TITLES])

/**
 * Names read from their cue alone: after an honorific ("ms. marcela", "Dr. Wells") or a strong cue ("my
 * name is rubija", "Hi Christin", "User: Šárka Ottová") the next one to three words are a name, even in
 * lower case or unknown to every list, as long as they are not ordinary words.
 */
export function cueCaptures(ctx: PersonContext): Candidate[] {
  const { tokens, evidence } = ctx
  const out: Candidate[] = []
  for (let i = 1; i < tokens.length; i++) {
    const previous = tokens[i - 1] as Token
    if (!CUE_ENDINGS.has(previous.key) && !previous.possessive) continue
    const title =
      i > 0 &&
      isTitleAt(ctx, i - 1) &&
      (!(tokens[i] as Token).clauseStart || /^\.\s+$/.test((tokens[i] as Token).gapBefore))
    if (!title && !strongCueBefore(ctx, i)) continue
    let last = -1
    let score = title ? 3 : 2.5
    for (let k = i; k < tokens.length && k < i + 3; k++) {
      if (k > i && !joined(tokens, k)) break
      if (!nameWord(tokens[k] as Token, evidence[k] as WordEvidence, ctx.style)) break
      last = k
      score += Math.min(1, lexicalScore(evidence[k] as WordEvidence))
      if ((tokens[k] as Token).possessive) break
    }
    if (last >= i) out.push({ first: i, last, score, rejected: false, cue: true })
  }
  return out
}

/** A word that may follow a cue as (part of) a name: not a function word, place, month or common word. */
function nameWord(token: Token, e: WordEvidence, style: PersonContext['style']): boolean {
  if (e.known) return true
  if (e.blocked || token.shape === 'number' || token.shape === 'other') return false
  if (style === 'mixed') {
    // Lower case where capitals are used is no name ("I'm contacting you"), unless the lists know it.
    if (token.shape === 'lower') return (e.first >= 1 || e.last >= 1) && !e.softBlocked && e.wordRank >= 2500
    // Capitalised: anything but the commonest words ("Hi Team"), places included after an honorific.
    return e.first >= 1 || e.last >= 1 || e.wordRank >= 1500
  }
  if (e.softBlocked) return false
  return e.first >= 1 || e.last >= 1 || e.wordRank >= 2500
}
