// Field-name normalisation: split a path segment into words (camelCase, snake_case, kebab-case,
// "Spaced Headers", digits), then map each word to a canonical form so that common abbreviations,
// spelling variants and plurals compare equal. Kept deliberately small and generic: the lists are
// vocabulary seen across many APIs and exports, not names from any one scenario.

/** Lower-case letters and digits only ("Full Name" -> "fullname"; accents folded). */
export function compactName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/** Raw words of one path segment, lower-cased. */
export function splitWords(segment: string): string[] {
  // Fast path for the common plain snake_case / lower-case segment.
  if (/^[a-z_]+$/.test(segment)) return segment.split('_').filter((w) => w.length > 0)
  return segment
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2') // camelCase
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2') // HTMLUrl -> HTML Url
    .replace(/(\p{L})(\p{N})/gu, '$1 $2') // line1 -> line 1
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase())
}

/** A path in words (`custEmail` and `cust_email` both read `cust email`), so full-text search matches its parts. */
export const spelledWords = (path: string) => splitWords(path).join(' ')

// Abbreviations, compounds and spelling variants -> canonical word(s).
const ALIASES: Record<string, readonly string[]> = {
  qty: ['quantity'],
  amt: ['amount'],
  nbr: ['number'],
  num: ['number'],
  nr: ['number'],
  addr: ['address'],
  adr: ['address'],
  desc: ['description'],
  descr: ['description'],
  dt: ['date'],
  ts: ['timestamp'],
  tstamp: ['timestamp'],
  datetime: ['timestamp'],
  tel: ['phone'],
  telephone: ['phone'],
  mobile: ['phone'],
  cell: ['phone'],
  cellphone: ['phone'],
  phonenumber: ['phone', 'number'],
  cust: ['customer'],
  acct: ['account'],
  org: ['organization'],
  organisation: ['organization'],
  msg: ['message'],
  pct: ['percent'],
  percentage: ['percent'],
  cnt: ['count'],
  src: ['source'],
  dst: ['destination'],
  dest: ['destination'],
  ref: ['reference'],
  usr: ['user'],
  pwd: ['password'],
  passwd: ['password'],
  img: ['image'],
  pic: ['image'],
  picture: ['image'],
  lat: ['latitude'],
  lng: ['longitude'],
  lon: ['longitude'],
  avg: ['average'],
  mean: ['average'],
  min: ['minimum'],
  max: ['maximum'],
  std: ['stddev'],
  fname: ['first', 'name'],
  lname: ['last', 'name'],
  firstname: ['first', 'name'],
  lastname: ['last', 'name'],
  surname: ['last', 'name'],
  forename: ['first', 'name'],
  givenname: ['first', 'name'],
  familyname: ['last', 'name'],
  given: ['first'],
  family: ['last'],
  fullname: ['full', 'name'],
  dob: ['birth', 'date'],
  birthdate: ['birth', 'date'],
  birthday: ['birth', 'date'],
  zipcode: ['zip', 'code'],
  postcode: ['zip', 'code'],
  postalcode: ['zip', 'code'],
  postal: ['zip'],
  mail: ['email'],
  emailaddress: ['email', 'address'],
  // One word, so that last_login vs last_name still differ by a substituted word.
  username: ['username'],
  login: ['username'],
  userid: ['user', 'id'],
  created: ['create'],
  creation: ['create'],
  updated: ['update'],
  modified: ['update'],
  modification: ['update'],
  modify: ['update'],
  deleted: ['delete'],
  uri: ['url'],
  href: ['url'],
  link: ['url'],
  identifier: ['id'],
  ids: ['id'],
  info: ['information'],
  lang: ['language'],
  prev: ['previous'],
  curr: ['current'],
  cur: ['current'],
  txn: ['transaction'],
  trx: ['transaction'],
  inv: ['invoice'],
  prod: ['product'],
  emp: ['employee'],
  dept: ['department'],
  mgr: ['manager'],
  svc: ['service'],
  cfg: ['configuration'],
  config: ['configuration'],
  conf: ['configuration'],
  repo: ['repository'],
  yr: ['year'],
  mth: ['month'],
  hr: ['hour'],
  sec: ['second'],
  secs: ['second'],
  msec: ['millisecond'],
  ms: ['millisecond'],
  dur: ['duration'],
  tz: ['timezone'],
}

// Words that carry little identity on their own: sharing only these is weak evidence of a rename.
// biome-ignore format: compact word list
const GENERIC = new Set([
  'id', 'code', 'number', 'count', 'date', 'time', 'timestamp', 'type', 'kind', 'name', 'value', 'status', 'flag',
  'is', 'has', 'url', 'key', 'information', 'data', 'detail', 'amount', 'total', 'field', 'c', 'r', 'e', 'v', 'new',
  'old', 'legacy', 'current', 'previous', 'raw', 'full', 'default', 'custom', 'text', 'str', 'string', 'int',
  'integer', 'bool', 'list', 'array', 'obj', 'object', 'set', 'map', 'json', 'x', 'api',
])
const STOP = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'to', 'in', 'for', 'by', 'on', 'at', 'per', 'with', 'from'])

// Words naming a measure or unit: replacing one by another (num_dead_tuples -> dead_tuple_bytes)
// changes what the field holds, even though each word alone is generic.
// biome-ignore format: compact word list
const MEASURES = new Set([
  'number', 'count', 'total', 'amount', 'byte', 'size', 'length', 'percent', 'ratio', 'rate', 'time', 'duration',
  'second', 'millisecond', 'minute', 'hour', 'day', 'week', 'month', 'year', 'average', 'minimum', 'maximum', 'sum',
])

export function isMeasure(word: string): boolean {
  return MEASURES.has(word)
}

/** Base importance of a canonical word before corpus frequency is applied. */
export function baseWeight(word: string): number {
  if (STOP.has(word)) return 0.2
  if (GENERIC.has(word)) return 0.4
  const c = word.charCodeAt(0)
  if (c >= 48 && c <= 57 && /^\p{N}+$/u.test(word)) return 0.8
  return 1
}

function stem(w: string): string {
  if (w.length <= 3 || /\p{N}/u.test(w)) return w
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`
  if (w.endsWith('sses')) return w.slice(0, -2)
  if (w.endsWith('s') && !/(ss|us|is|os|as)$/.test(w)) return w.slice(0, -1)
  return w
}

// Segments repeat a lot across a schema (parent objects, common leaves): memoise, bounded.
const canonicalCache = new Map<string, readonly string[]>()

/** Canonical words of one path segment. */
export function canonicalWords(segment: string): readonly string[] {
  const hit = canonicalCache.get(segment)
  if (hit) return hit
  if (canonicalCache.size >= 50_000) canonicalCache.clear()
  const words = computeCanonicalWords(segment)
  canonicalCache.set(segment, words)
  return words
}

function computeCanonicalWords(segment: string): string[] {
  const out: string[] = []
  const whole = compactName(segment)
  const direct = ALIASES[whole]
  if (direct && splitWords(segment).length > 1) return [...direct] // "Zip Code", "e-mail"
  for (const raw of splitWords(segment)) {
    const alias = ALIASES[raw] ?? ALIASES[stem(raw)]
    if (alias) out.push(...alias)
    else out.push(stem(raw))
  }
  return out
}

// Pairs of words naming opposite or sibling concepts: paths that differ by one of these are
// different fields (created_at vs updated_at, billing vs shipping), however similar otherwise.
// biome-ignore format: compact word list
const ANTONYM_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['first', 'last'], ['start', 'end'], ['begin', 'end'], ['start', 'stop'], ['open', 'close'], ['opened', 'closed'],
  ['from', 'to'], ['before', 'after'], ['in', 'out'], ['input', 'output'], ['inbound', 'outbound'],
  ['incoming', 'outgoing'], ['sent', 'received'], ['send', 'receive'], ['sender', 'recipient'],
  ['sender', 'receiver'], ['credit', 'debit'], ['buy', 'sell'], ['bid', 'ask'], ['upper', 'lower'],
  ['left', 'right'], ['top', 'bottom'], ['previous', 'next'], ['head', 'tail'], ['home', 'work'],
  ['billing', 'shipping'], ['source', 'destination'], ['source', 'target'], ['parent', 'child'],
  ['minimum', 'maximum'], ['old', 'new'], ['enabled', 'disabled'], ['enable', 'disable'], ['public', 'private'],
  ['allow', 'deny'], ['accept', 'reject'], ['accepted', 'rejected'], ['read', 'write'], ['latitude', 'longitude'],
  ['width', 'height'], ['gross', 'net'], ['income', 'expense'], ['success', 'failure'], ['succeeded', 'failed'],
  ['internal', 'external'], ['local', 'remote'], ['create', 'update'], ['create', 'delete'], ['update', 'delete'],
  ['primary', 'secondary'], ['major', 'minor'], ['request', 'response'], ['x', 'y'], ['day', 'night'],
  ['win', 'loss'], ['inclusive', 'exclusive'], ['added', 'removed'], ['add', 'remove'], ['insert', 'delete'],
  ['positive', 'negative'], ['up', 'down'], ['on', 'off'], ['win', 'lose'],
]
const ANTONYMS = new Map<string, Set<string>>()
for (const [a, b] of ANTONYM_PAIRS) {
  const sa = ANTONYMS.get(a) ?? new Set<string>()
  sa.add(b)
  ANTONYMS.set(a, sa)
  const sb = ANTONYMS.get(b) ?? new Set<string>()
  sb.add(a)
  ANTONYMS.set(b, sb)
}

export function areAntonyms(a: string, b: string): boolean {
  return ANTONYMS.get(a)?.has(b) ?? false
}
