// A field path as words: segments split on dots, each segment split on case, separators and
// digits, accents folded, glued words split into known ones. Digits stay as their own words so
// that the reader can tell the second phone from the first.
import { splitWords } from '../../aam/drift/name-tokens.ts'
import { segmentWord, wordConcepts } from './lexicon/lookup.ts'

/** Lower case, accents folded, ß as ss. */
export function fold(s: string): string {
  return s.replace(/ß/g, 'ss').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

function segmentWords(segment: string): string[] {
  const out: string[] = []
  for (const raw of splitWords(segment.replace(/ß/g, 'ss'))) {
    const w = fold(raw)
    if (/^\d+$/.test(w) || wordConcepts(w) !== undefined) {
      out.push(w)
      continue
    }
    out.push(...(segmentWord(w) ?? [w]))
  }
  return out
}

/** Words of each segment of a dotted path ("N° facture" is the number of the invoice). */
export function pathWords(path: string): string[][] {
  return path
    .replace(/\bN\s?[°º]/giu, 'No ')
    .split('.')
    .map(segmentWords)
}
