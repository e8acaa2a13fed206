import { type Candidate, joined, type PersonContext } from './context.ts'
import { COMMON_WORD_RANK, ORDINARY_WORD_RANK, type WordEvidence } from './evidence.ts'
import type { Token } from './tokens.ts'

/** Whether a word can be part of a name on its own merits (a particle or an initial only between others). */
export function nameLike(token: Token, e: WordEvidence, style: PersonContext['style']): boolean {
  if (e.blocked || e.softBlocked || e.particle || token.code || token.shape === 'number' || token.shape === 'other')
    return false
  if (e.known) return true
  if (token.shape === 'initial') return true
  const listed = e.first >= 1 || e.last >= 1
  if (style === 'mixed') {
    if (token.shape === 'lower') return false
    // Two or three capitals in mixed text are an acronym (IP, CEO, ABC), not a name.
    if (token.shape === 'upper' && token.text.length <= 3) return false
    return listed || e.shape > 0 || e.wordRank >= ORDINARY_WORD_RANK
  }
  // All lower or all upper case: a word from the name lists that is no common English word, or a word in
  // no list at all (the score then asks for more than one such word, or a cue).
  return e.first >= 1 || e.last >= 1.5 || (listed && e.wordRank >= 3000) || e.wordRank >= COMMON_WORD_RANK
}

/** A connector inside a name: a particle (van, de, ten) or an initial, when a name word follows. */
function connector(ctx: PersonContext, i: number): boolean {
  const t = ctx.tokens[i] as Token
  const e = ctx.evidence[i] as WordEvidence
  if (t.shape === 'number') return false
  return e.particle || t.shape === 'initial' || (t.text.length === 1 && t.shape === 'lower' && ctx.style !== 'mixed')
}

/** Maximal runs of name-like words, joined by spaces, particles and initials; at most six tokens. */
export function nameRuns(ctx: PersonContext): Candidate[] {
  const { tokens, evidence, style } = ctx
  const like = tokens.map((t, i) => nameLike(t, evidence[i] as WordEvidence, style))
  const runs: Candidate[] = []
  let i = 0
  while (i < tokens.length) {
    if (!like[i]) {
      i++
      continue
    }
    let last = i
    let j = i + 1
    while (j < tokens.length && j - i < 6 && joined(tokens, j)) {
      if (like[j]) {
        last = j
        j++
        continue
      }
      // A particle or initial only counts when a name word follows it.
      let k = j
      while (k < tokens.length && k - i < 6 && connector(ctx, k) && !like[k] && joined(tokens, k)) k++
      // After a particle a capitalised word continues the name even if it is a word too: Willemine ten Pas.
      const afterParticle =
        k > j && k < tokens.length && (ctx.evidence[k - 1] as WordEvidence).particle && capitalisedWord(ctx, k)
      if (k > j && k < tokens.length && (like[k] || afterParticle) && joined(tokens, k)) {
        last = k
        j = k + 1
        continue
      }
      break
    }
    // An initial cannot end a name ("ABC Business A" …), nor can one initial alone be a name.
    while (last > i && (tokens[last] as Token).shape === 'initial' && !ctx.evidence[last]?.known) last--
    if (!((tokens[i] as Token).shape === 'initial' && last === i)) {
      runs.push({ first: i, last, score: 0, rejected: false, cue: false })
    }
    i = last + 1
  }
  return runs
}

function capitalisedWord(ctx: PersonContext, i: number): boolean {
  const t = ctx.tokens[i] as Token
  const e = ctx.evidence[i] as WordEvidence
  return t.shape === 'cap' && !e.blocked && !e.softBlocked && ctx.style === 'mixed'
}
