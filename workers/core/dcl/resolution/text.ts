// One comparable spelling of free text: lower case, accents and letters NFD cannot split spelled out,
// apostrophes dropped inside words ("O'Brien" = "obrien"), any other punctuation a word break.

const SPECIAL: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ħ: 'h',
}

/** Lower case, no accents, words of letters and digits separated by single spaces. */
export function foldText(value: string): string {
  let s = value.toLowerCase()
  // Most values are plain ASCII: skip the Unicode work for them.
  if (/[^\p{ASCII}]/u.test(s)) {
    s = s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[øæœßðþłđıħ]/g, (ch) => SPECIAL[ch] ?? ch)
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
  }
  return s
    .replace(/(\p{L})'(?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a folded value. */
export function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ')
}

/** A folded, non-empty value, or undefined for null, blank and placeholder values. */
export function present(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined
  const folded = foldText(raw)
  return folded === '' || PLACEHOLDERS.has(folded) ? undefined : folded
}

/** What exports write where a value is missing. */
const PLACEHOLDERS = new Set(['null', 'none', 'nil', 'na', 'n a', 'unknown', 'not known', 'undefined', 'nan'])
