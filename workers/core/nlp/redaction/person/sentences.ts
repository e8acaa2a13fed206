import type { Token } from './tokens.ts'

/**
 * For each token, whether its sentence is written in title case ("Musicians Of The 70s You're Supposed To
 * Hate"): there a capital marks nothing. The tell is short function words capitalised mid-sentence.
 */
export function titleCaseFlags(tokens: readonly Token[], wordRank: ReadonlyMap<string, number>): boolean[] {
  const flags = new Array<boolean>(tokens.length).fill(false)
  let start = 0
  const close = (end: number) => {
    let capitalisedFunctionWords = 0
    for (let i = start; i < end; i++) {
      const t = tokens[i] as Token
      if (t.shape === 'cap' && !t.clauseStart && (wordRank.get(t.key) ?? Number.POSITIVE_INFINITY) < 60) {
        capitalisedFunctionWords++
      }
    }
    if (capitalisedFunctionWords >= 2) flags.fill(true, start, end)
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token
    if (i > 0 && /[.!?\n]/.test(t.gapBefore) && t.clauseStart) {
      close(i)
      start = i
    }
  }
  close(tokens.length)
  return flags
}
