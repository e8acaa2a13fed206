import type { Candidate, PersonContext } from './context.ts'
import { fold } from './fold.ts'
import type { Token } from './tokens.ts'

/** The caller's known names (a tenant's contacts), indexed for matching: whole names and their words. */
export type KnownNames = { words: ReadonlySet<string>; names: readonly (readonly string[])[] }

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu

export function indexKnownNames(names: readonly string[] = []): KnownNames {
  const words = new Set<string>()
  const sequences: string[][] = []
  for (const name of names) {
    const parts = (name.match(WORD) ?? []).map(fold)
    if (parts.length === 0) continue
    sequences.push(parts)
    // Each word of a known name is a name on its own ("Ada" of "Ada Lovelace"), but not a one-letter one.
    for (const part of parts) if (part.length >= 2) words.add(part)
  }
  return { words, names: sequences }
}

/** Every place where a whole known name is written, in any case, with spaces between its words. */
export function knownNameRuns(ctx: PersonContext, known: KnownNames): Candidate[] {
  const out: Candidate[] = []
  if (known.names.length === 0) return out
  // Indexed by first word, so a long text and a long contact list cost one look-up per token.
  const byFirstWord = new Map<string, (readonly string[])[]>()
  for (const name of known.names) {
    const list = byFirstWord.get(name[0] as string) ?? []
    list.push(name)
    byFirstWord.set(name[0] as string, list)
  }
  const { tokens } = ctx
  for (let i = 0; i < tokens.length; i++) {
    for (const name of byFirstWord.get((tokens[i] as Token).key) ?? []) {
      if (i + name.length > tokens.length) continue
      let match = true
      for (let k = 1; k < name.length && match; k++) {
        const t = tokens[i + k] as Token
        match = t.key === name[k] && /^[ \t\u00a0.]{1,3}$/.test(t.gapBefore)
      }
      if (match) out.push({ first: i, last: i + name.length - 1, score: 10, rejected: false, cue: true })
    }
  }
  return out
}
