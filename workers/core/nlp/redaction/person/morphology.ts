// Spelling evidence that a word we have never seen is a surname or a name.

// Surname endings that English words almost never have: Scandinavian patronymics (-sson, -sen, -dóttir),
// Slavic (-ović, -ová, -ski, -ska, -sky, -cki, -wicz, -enko, -chuk), Finnish (-nen, -inen, -lainen),
// Baltic (-aitis, -ienė, -ūtė), Romanian (-escu), Turkish (-oğlu), Greek (-poulos, -akis, -idis),
// Armenian (-yan, -ian), Georgian (-shvili, -dze), Germanic (-mann, -stein, -berg, -feld), Italian
// (-elli, -etti, -ucci), Iberian (-ez after a vowel and a consonant), Hungarian (-falvi, -házi).
const SURNAME_ENDING = new RegExp(
  '(?:' +
    [
      'ss?on',
      '[^aeiou]sen',
      'dottir',
      'dotter',
      'ovic',
      'evic',
      '[^aeiou]ic',
      'ova',
      'eva',
      'ov',
      'ev',
      'sk[iyaá]',
      'ck[iya]',
      'wicz',
      'vich',
      'enko',
      'chuk',
      'czuk',
      'nen',
      'ainen',
      'aitis',
      'aite',
      'iene',
      'ute',
      'escu',
      'oglu',
      'poulos',
      'akis',
      'idis',
      'iadis',
      'yan',
      'ian',
      'shvili',
      'dze',
      'mann',
      'stein',
      'berg',
      'burg',
      'feld',
      'elli',
      'etti',
      'ucci',
      'otti',
      '[aeiou][dnrs]ez',
      'falvi',
      'hazi',
      'kova',
      'kov',
      'czyk',
      'ewski',
      'owski',
      'sdottir',
      'mäki',
      'maki',
      'saari',
      'salo',
      'niemi',
      'koski',
      'lahti',
      'aho',
      'oja',
    ].join('|') +
    ')$',
)

/** Whether a word of five letters or more ends like a surname. `key` is folded. */
export function surnameEnding(key: string): boolean {
  return key.length >= 5 && SURNAME_ENDING.test(key)
}

// Japanese names in Hepburn romanisation are sequences of morae: (consonant)(y)vowel, or n.
const ROMAJI = /^(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|w|y)?[aiueo]|n(?![aiueoy]))+$/

/** Whether a word reads as romanised Japanese (Hirai, Ogasahara, Akinori): four letters or more. */
export function romajiShape(key: string): boolean {
  return key.length >= 4 && ROMAJI.test(key)
}

/** Whether the word carries letters English words do not (Ágnes, Šárka, Þór). */
export function hasForeignLetters(word: string): boolean {
  return /[^\p{ASCII}]/u.test(word) && /\p{L}/u.test(word)
}
