// Phonetic codes: names that sound alike get one code, so blocking and comparison survive spellings
// like "smyth"/"smith" or "catherine"/"kathryn". Input is a folded word (a-z); other characters are ignored.

const SOUNDEX_DIGIT: Readonly<Record<string, string>> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
}

/** American Soundex (first letter + three digits; h and w do not separate equal digits), '' for no letters. */
export function soundex(word: string): string {
  const letters = word.replace(/[^a-z]/g, '')
  const first = letters[0]
  if (first === undefined) return ''
  let code = first.toUpperCase()
  let last = SOUNDEX_DIGIT[first] ?? ''
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const ch = letters[i] ?? ''
    const digit = SOUNDEX_DIGIT[ch]
    if (digit !== undefined && digit !== last) code += digit
    if (ch !== 'h' && ch !== 'w') last = digit ?? ''
  }
  return code.padEnd(4, '0')
}

/**
 * Whether two Soundex codes say the same, reading their first letters as sounds too (Soundex keeps them
 * as letters, so "catherine" C365 and "kathryn" K365 would differ).
 */
export function soundexAlike(x: string, y: string): boolean {
  if (x === '' || y === '') return false
  if (x === y) return true
  const [fa = '', fb = ''] = [x[0]?.toLowerCase(), y[0]?.toLowerCase()]
  const sameSound = SOUNDEX_DIGIT[fa] !== undefined && SOUNDEX_DIGIT[fa] === SOUNDEX_DIGIT[fb]
  return sameSound && x.slice(1) === y.slice(1)
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u'])

/** NYSIIS (New York State Identification and Intelligence System), the original rules, untruncated. */
export function nysiis(word: string): string {
  let s = word.replace(/[^a-z]/g, '')
  if (s === '') return ''
  s = s
    .replace(/^mac/, 'mcc')
    .replace(/^kn/, 'nn')
    .replace(/^k/, 'c')
    .replace(/^(ph|pf)/, 'ff')
    .replace(/^sch/, 'sss')
    .replace(/(ee|ie)$/, 'y')
    .replace(/(dt|rt|rd|nt|nd)$/, 'd')
  const chars = s.split('')
  let key = chars[0] ?? ''
  for (let i = 1; i < chars.length; i++) {
    const ch = chars[i] ?? ''
    const next = chars[i + 1] ?? ''
    const prev = chars[i - 1] ?? ''
    let sub: string
    if (ch === 'e' && next === 'v') {
      sub = 'af'
      chars[i + 1] = 'f'
    } else if (VOWELS.has(ch)) sub = 'a'
    else if (ch === 'q') sub = 'g'
    else if (ch === 'z') sub = 's'
    else if (ch === 'm') sub = 'n'
    else if (ch === 'k' && next === 'n') sub = 'n'
    else if (ch === 'k') sub = 'c'
    else if (ch === 's' && next === 'c' && chars[i + 2] === 'h') {
      sub = 'sss'
      chars[i + 1] = 's'
      chars[i + 2] = 's'
    } else if (ch === 'p' && next === 'h') {
      sub = 'ff'
      chars[i + 1] = 'f'
    } else if (ch === 'h' && (!VOWELS.has(prev) || (next !== '' && !VOWELS.has(next)))) sub = prev
    else if (ch === 'w' && VOWELS.has(prev)) sub = prev
    else sub = ch
    chars[i] = sub.length === 1 ? sub : (sub[sub.length - 1] ?? ch)
    for (const c of sub) if (key[key.length - 1] !== c) key += c
  }
  if (key.length > 1 && key.endsWith('s')) key = key.slice(0, -1)
  if (key.endsWith('ay')) key = `${key.slice(0, -2)}y`
  if (key.length > 1 && key.endsWith('a')) key = key.slice(0, -1)
  return key.toUpperCase()
}
