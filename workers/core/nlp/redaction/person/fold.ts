// One spelling per name for look-ups: lower case, NFC, diacritics stripped, and the letters NFD cannot
// split (ø, æ, ß, ð, þ, ł, đ, ı, œ) spelled out, so "Søren", "SØREN" and "soren" find the same entry.

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
  ŀ: 'l',
  '’': "'",
}

export function fold(word: string): string {
  // Plain ASCII needs only lower case (most words of most texts).
  if (!/[^\p{ASCII}]/u.test(word)) return word.toLowerCase()
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßðþłđıħŀ’]/g, (ch) => SPECIAL[ch] ?? ch)
}
