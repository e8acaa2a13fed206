// Words around a candidate, for detectors whose evidence is partly what the text says about it
// ("call me on …", "SSN: …").

const WORD = /[\p{L}\p{N}]+/gu

/** The lower-cased words in the `chars` characters before `index`, nearest last. */
export function wordsBefore(text: string, index: number, chars = 40): string[] {
  return (text
    .slice(Math.max(0, index - chars), index)
    .toLowerCase()
    .match(WORD) ?? []) as string[]
}

/** The lower-cased words in the `chars` characters after `index`, nearest first. */
export function wordsAfter(text: string, index: number, chars = 40): string[] {
  return (text
    .slice(index, index + chars)
    .toLowerCase()
    .match(WORD) ?? []) as string[]
}

/** Whether any of `keywords` (lower case) is among the words within `chars` characters either side. */
export function hasKeywordNear(
  text: string,
  start: number,
  end: number,
  keywords: ReadonlySet<string>,
  chars = 40,
): boolean {
  return (
    wordsBefore(text, start, chars).some((w) => keywords.has(w)) ||
    wordsAfter(text, end, chars).some((w) => keywords.has(w))
  )
}

/** True when the characters just outside [start, end) do not continue a word or a number. */
export function isDelimited(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' '
  const after = text[end] ?? ' '
  return !/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)
}
