import { type Candidate, joined, type PersonContext } from './context.ts'
import { COMMON_WORD_RANK, type WordEvidence } from './evidence.ts'
import type { Token } from './tokens.ts'

/**
 * A name found once marks its other mentions in the same text: "Alvir spent a year … as the assistant to
 * Alvir D. Pušaver" — the second mention is clear, so the first (a sentence's first word) is Alvir too.
 */
export function propagateNames(ctx: PersonContext, accepted: readonly Candidate[], threshold: number): Candidate[] {
  const { tokens, evidence, style } = ctx
  const names = new Set<string>()
  const covered = new Uint8Array(tokens.length)
  for (const run of accepted) {
    for (let i = run.first; i <= run.last; i++) {
      covered[i] = 1
      const t = tokens[i] as Token
      const e = evidence[i] as WordEvidence
      if (
        t.key.length >= 2 &&
        t.shape !== 'initial' &&
        !e.particle &&
        (e.wordRank >= COMMON_WORD_RANK || e.first >= 1 || e.known)
      ) {
        names.add(t.key)
      }
    }
  }
  const out: Candidate[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (covered[i] || !names.has(t.key) || (evidence[i] as WordEvidence).blocked) continue
    if (style === 'mixed' && t.shape === 'lower') continue
    let last = i
    while (
      last + 1 < tokens.length &&
      !covered[last + 1] &&
      names.has((tokens[last + 1] as Token).key) &&
      joined(tokens, last + 1)
    )
      last++
    out.push({ first: i, last, score: threshold, rejected: false, cue: false })
    i = last
  }
  return out
}
