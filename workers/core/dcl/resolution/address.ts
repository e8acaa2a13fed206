// Address parts in one spelling: street types and other words sources abbreviate differently ("st",
// "str" and "street"), states and provinces as their postal codes, postcodes without spacing or ZIP+4.
import { foldText, words } from './text.ts'

/** Abbreviations of street types, unit and building words, as Australia Post, USPS and Royal Mail list them. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  al: 'alley',
  aly: 'alley',
  ally: 'alley',
  app: 'approach',
  arc: 'arcade',
  av: 'avenue',
  ave: 'avenue',
  avn: 'avenue',
  bvd: 'boulevard',
  blvd: 'boulevard',
  boul: 'boulevard',
  bwy: 'broadway',
  bldg: 'building',
  cct: 'circuit',
  cir: 'circle',
  ch: 'chase',
  cl: 'close',
  con: 'concourse',
  cnr: 'corner',
  cres: 'crescent',
  cr: 'crescent',
  cresc: 'crescent',
  crst: 'crest',
  ct: 'court',
  crt: 'court',
  cv: 'cove',
  dr: 'drive',
  drv: 'drive',
  dve: 'drive',
  esp: 'esplanade',
  est: 'estate',
  expy: 'expressway',
  fwy: 'freeway',
  gdns: 'gardens',
  gr: 'grove',
  gv: 'grove',
  gve: 'grove',
  hts: 'heights',
  hwy: 'highway',
  jct: 'junction',
  ln: 'lane',
  lp: 'loop',
  mt: 'mount',
  mtn: 'mountain',
  pde: 'parade',
  pk: 'park',
  pkwy: 'parkway',
  pky: 'parkway',
  pl: 'place',
  plz: 'plaza',
  prom: 'promenade',
  rd: 'road',
  rdg: 'ridge',
  rte: 'route',
  sq: 'square',
  str: 'street',
  tce: 'terrace',
  ter: 'terrace',
  terr: 'terrace',
  tpke: 'turnpike',
  trl: 'trail',
  vw: 'view',
  wy: 'way',
  wk: 'walk',
  vlge: 'village',
  vlg: 'village',
  vil: 'village',
  retmt: 'retirement',
  retrmnt: 'retirement',
  apt: 'apartment',
  appt: 'apartment',
  flt: 'flat',
  fl: 'floor',
  lvl: 'level',
  ste: 'suite',
  u: 'unit',
  unt: 'unit',
  bsmt: 'basement',
  po: 'post office',
  nth: 'north',
  sth: 'south',
  e: 'east',
  n: 'north',
  s: 'south',
  w: 'west',
  ne: 'northeast',
  nw: 'northwest',
  se: 'southeast',
  sw: 'southwest',
}

/**
 * A street or address line in one spelling: folded, abbreviations expanded. "st" is "saint" before a name
 * ("st kilda road") and "street" elsewhere; single-letter compass points only expand at either end.
 */
export function normaliseStreet(raw: string): string {
  const parts = words(foldText(raw))
  return parts
    .map((word, i) => {
      if (word === 'st') return i === 0 && parts.length > 1 ? 'saint' : 'street'
      const full = ABBREVIATIONS[word]
      if (full === undefined) return word
      if (word.length === 1 && word !== 'u' && i !== 0 && i !== parts.length - 1) return word
      return full
    })
    .join(' ')
}

/**
 * A street field that carries its house number ("75 Maxey Dr", "5/12 Bayly Place") split into the
 * number and the street, as other sources keep them in two fields; the number is undefined when the
 * street does not start with one.
 */
export function splitHouseNumber(street: string): { number?: string; street: string } {
  const m = /^\s*(\d+[a-z]?(?:\s*[-/]\s*\d+[a-z]?)?)[\s,]+(?=\p{L})(.*)$/iu.exec(street)
  return m ? { number: m[1] ?? '', street: m[2] ?? '' } : { street }
}

/** The number of a house, as written ("12a", "12-14" → "12a", "12 14"), without "no." or "#". */
export function normaliseStreetNumber(raw: string): string {
  return foldText(raw).replace(/^(no|number|nr)\s+/, '')
}

const REGIONS: Readonly<Record<string, string>> = {
  'new south wales': 'nsw',
  victoria: 'vic',
  queensland: 'qld',
  'south australia': 'sa',
  'western australia': 'wa',
  tasmania: 'tas',
  'northern territory': 'nt',
  'australian capital territory': 'act',
  alabama: 'al',
  alaska: 'ak',
  arizona: 'az',
  arkansas: 'ar',
  california: 'ca',
  colorado: 'co',
  connecticut: 'ct',
  delaware: 'de',
  'district of columbia': 'dc',
  florida: 'fl',
  georgia: 'ga',
  hawaii: 'hi',
  idaho: 'id',
  illinois: 'il',
  indiana: 'in',
  iowa: 'ia',
  kansas: 'ks',
  kentucky: 'ky',
  louisiana: 'la',
  maine: 'me',
  maryland: 'md',
  massachusetts: 'ma',
  michigan: 'mi',
  minnesota: 'mn',
  mississippi: 'ms',
  missouri: 'mo',
  montana: 'mt',
  nebraska: 'ne',
  nevada: 'nv',
  'new hampshire': 'nh',
  'new jersey': 'nj',
  'new mexico': 'nm',
  'new york': 'ny',
  'north carolina': 'nc',
  'north dakota': 'nd',
  ohio: 'oh',
  oklahoma: 'ok',
  oregon: 'or',
  pennsylvania: 'pa',
  'rhode island': 'ri',
  'south carolina': 'sc',
  'south dakota': 'sd',
  tennessee: 'tn',
  texas: 'tx',
  utah: 'ut',
  vermont: 'vt',
  virginia: 'va',
  washington: 'wa',
  'west virginia': 'wv',
  wisconsin: 'wi',
  wyoming: 'wy',
  // Older and informal abbreviations that differ from the postal codes.
  vict: 'vic',
  qnsld: 'qld',
  queens: 'qld',
  tasm: 'tas',
  'n s w': 'nsw',
  calif: 'ca',
  mass: 'ma',
  penn: 'pa',
}

const REGION_CODES = new Set(Object.values(REGIONS))

/** A state, territory or province as its postal abbreviation where known ("New South Wales" → "nsw"). */
export function normaliseRegion(raw: string): string {
  const folded = foldText(raw)
  return REGIONS[folded] ?? folded.replace(/ /g, '')
}

/**
 * A locality field that also carries the postcode and state ("Hillside QLD 2261", "Bowen Hills, 4006")
 * split into its parts, as other sources keep them in their own fields. Only a trailing number and a
 * known state are taken off; anything else stays the locality.
 */
export function splitLocality(raw: string): { locality: string; postcode?: string; region?: string } {
  let rest = foldText(raw)
  const result: { locality: string; postcode?: string; region?: string } = { locality: rest }
  const code = / (\d{3,5})$/.exec(rest)
  if (code && /[a-z]/.test(rest.slice(0, code.index))) {
    rest = rest.slice(0, code.index)
    result.postcode = code[1] ?? ''
  }
  for (const length of [3, 2, 1]) {
    const parts = rest.split(' ')
    if (parts.length <= length) continue
    const tail = parts.slice(-length).join(' ')
    const region = REGIONS[tail] ?? (REGION_CODES.has(tail) ? tail : undefined)
    if (region === undefined) continue
    rest = parts.slice(0, -length).join(' ')
    result.region = region
    break
  }
  result.locality = rest
  return result
}

/**
 * A postcode as comparable characters: upper case, no spaces, ZIP+4 cut to the ZIP, and leading zeros
 * dropped from numeric codes (a spreadsheet turns "0870" into 870).
 */
export function normalisePostcode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '')
  if (/^\d{9}$/.test(compact) && /\d{5}-\d{4}/.test(raw)) return compact.slice(0, 5).replace(/^0+(?=\d)/, '')
  return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, '') : compact
}
