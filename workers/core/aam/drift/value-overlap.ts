// Do two sample lists look like the same data? Values are normalised before comparison so that a
// re-typed or re-formatted field still matches (2139 vs "02139", "USD" vs "usd", "2024-04-02" vs
// "04/02/2024" vs "2024-04-02T00:00:00Z", epoch seconds vs ISO timestamps, phone punctuation).
// Samples of the same field are often taken at different times, so missing overlap is only
// evidence against a match when the values are of a different kind altogether (different "shape")
// or are small disjoint enumerations.

const MAX_SAMPLES = 20 // comparison cost stays bounded whatever the input

export interface SampleProfile {
  keys: Set<string> // normalised values
  informative: Set<string> // keys that identify data (not booleans, not tiny integers)
  shapes: Set<string> // coarse kinds of value: num, date, email, word, pattern...
  categorical: boolean // looks like an enumeration (single words, no digits)
  enumLike: boolean // every value is one short word, however few values (categorical needs two)
}

export interface SampleComparison {
  evidence: number // +1 same data, +0.5 some shared values, 0 neutral, <0 different data
  overlap: number // shared normalised values / the smaller set
  sharedInformative: number
  sharedIdentifying: number // shared values specific enough to identify a record (see identifying)
  distinctiveShared: boolean // a shared identifying value too long to coincide by chance
}

const pad = (n: number) => String(n).padStart(2, '0')

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1000 && y <= 9999
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const monthOf = (s: string) => MONTHS.indexOf(s.slice(0, 3)) + 1

function dayKey(y: number, m: number, d: number): string {
  return `d:${y}-${pad(m)}-${pad(d)}`
}

function instantKeys(ms: number): string[] {
  if (!Number.isFinite(ms)) return []
  const iso = new Date(ms).toISOString()
  // A midnight-UTC instant is also the calendar date (date -> timestamp widening keeps the value).
  // The calendar day is a second key, so a date column re-typed as a timestamp still overlaps.
  return iso.endsWith('T00:00:00.000Z') ? [`d:${iso.slice(0, 10)}`] : [`t:${iso.slice(0, 19)}`, `d:${iso.slice(0, 10)}`]
}

/** Date/time keys for a trimmed, lower-cased string, or [] when it is not a date. */
function dateKeys(s: string): string[] {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?)?$/.exec(s)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (!validYmd(y, mo, d)) return []
    if (m[4] === undefined) return [dayKey(y, mo, d)]
    const zone = m[8] === undefined || m[8] === 'z' ? 'Z' : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`
    return instantKeys(Date.parse(iso))
  }
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    return validYmd(y, mo, d) ? [dayKey(y, mo, d)] : []
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (m) {
    // 04/02/2024 is ambiguous (US vs European order): keep both readings.
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const out = new Set<string>()
    if (validYmd(y, a, b)) out.add(dayKey(y, a, b))
    if (validYmd(y, b, a)) out.add(dayKey(y, b, a))
    return [...out]
  }
  m = /^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s)
  if (m?.[1] && monthOf(m[1]) > 0) {
    const [mo, d, y] = [monthOf(m[1]), Number(m[2]), Number(m[3])]
    return validYmd(y, mo, d) ? [dayKey(y, mo, d)] : []
  }
  m = /^(\d{1,2}) ([a-z]{3,9})\.? (\d{4})$/.exec(s)
  if (m?.[2] && monthOf(m[2]) > 0) {
    const [d, mo, y] = [Number(m[1]), monthOf(m[2]), Number(m[3])]
    return validYmd(y, mo, d) ? [dayKey(y, mo, d)] : []
  }
  return []
}

function numberKeys(n: number): string[] {
  if (!Number.isFinite(n)) return []
  const keys = [`n:${Number(n.toPrecision(12))}`]
  // Unix epochs (seconds or milliseconds, 2001..2096) also match their ISO rendering.
  if (Number.isInteger(n) && n >= 1e9 && n < 4e9) keys.push(...instantKeys(n * 1000))
  else if (Number.isInteger(n) && n >= 1e12 && n < 4e12) keys.push(...instantKeys(n))
  return keys
}

const BOOL_WORDS: Record<string, string> = { true: 'b:true', false: 'b:false', yes: 'b:true', no: 'b:false' }
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/
const PHONE = /^\+?[\d\s().\-/]+$/

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

/** Normalised comparison keys of one sample value. */
export function valueKeys(v: unknown): string[] {
  if (v === null || v === undefined) return []
  if (typeof v === 'boolean') return [`b:${v}`]
  if (typeof v === 'number') return numberKeys(v)
  if (typeof v === 'string') {
    const s = v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
    if (s === '') return []
    const b = BOOL_WORDS[s]
    if (b) return [b]
    const digits = s.replace(/\D/g, '')
    // Phone numbers compare by their last ten digits, whatever the punctuation or "+" prefix.
    const phone = PHONE.test(s) && digits.length >= 7 && digits.length <= 15 ? `p:${digits.slice(-10)}` : null
    if (phone && s.startsWith('+')) return [phone]
    if (NUMERIC.test(s)) return phone && digits.length >= 10 ? [...numberKeys(Number(s)), phone] : numberKeys(Number(s))
    const d = dateKeys(s)
    if (d.length > 0) return d
    if (phone) return [phone]
    return [`s:${s}`]
  }
  if (typeof v === 'object') return [`j:${stableStringify(v).toLowerCase()}`]
  return [`s:${String(v)}`]
}

/**
 * Values that pin down a record rather than a category: instants to the second, phone numbers,
 * longer strings, numbers with several significant digits. Two unrelated fields rarely share
 * these, whereas dates, enum words and small numbers coincide all the time.
 */
function isIdentifying(key: string, dateOnly: boolean): boolean {
  const kind = key.slice(0, 2)
  if (kind === 't:' || kind === 'p:') return true
  // Calendar days pin down a record (birth dates, signup dates) when both fields hold dates only;
  // a timestamp also yields its day, which would count one shared instant twice.
  if (kind === 'd:') return dateOnly
  if (kind === 'j:') return key.length >= 8
  if (kind === 's:') return key.length >= 8 || (/\p{N}/u.test(key) && /\p{L}/u.test(key.slice(2)) && key.length >= 6)
  if (kind === 'n:') {
    const digits = key
      .slice(2)
      .replace(/[^0-9]/g, '')
      .replace(/^0+/, '')
    return digits.length >= 4
  }
  return false
}

function isInformative(key: string): boolean {
  const kind = key.slice(0, 2)
  if (kind === 'b:') return false
  if (kind === 'n:') {
    const n = Number(key.slice(2))
    return !Number.isInteger(n) || Math.abs(n) >= 10
  }
  if (kind === 's:') return key.length >= 4
  if (kind === 'j:') return key !== 'j:[]' && key !== 'j:{}'
  return true
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const WORD = /^\p{L}+$/u
const WORDS = /^\p{L}+(?:[ '’.-]+\p{L}+)+\.?$/u
const ENUM_LIKE = /^\p{L}[\p{L}_-]*$/u

/** Coarse kind of a value: two samples of one field share it even when the values differ. */
export function valueShape(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return 'num'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object') return 'object'
  const s = String(v).trim()
  const lower = s.toLowerCase()
  if (s === '') return 'empty'
  if (BOOL_WORDS[lower]) return 'bool'
  if (NUMERIC.test(lower)) return 'num'
  if (dateKeys(lower).length > 0) return 'date'
  if (EMAIL.test(s)) return 'email'
  if (URL_RE.test(s)) return 'url'
  if (UUID.test(s)) return 'uuid'
  if (PHONE.test(s) && s.replace(/\D/g, '').length >= 7) return 'phone'
  if (WORD.test(s) || WORDS.test(s)) return 'words'
  if (s.length > 40) return 'text'
  // Runs of letters, digits or both collapse to one symbol; punctuation is kept: "A-1001" -> "a-9".
  const pattern = s.replace(/[\p{L}\p{N}]+/gu, (m) =>
    /\p{N}/u.test(m) && /\p{L}/u.test(m) ? 'x' : /\p{N}/u.test(m) ? '9' : 'a',
  )
  return `pattern:${pattern}`
}

export function profileSamples(samples: readonly unknown[] | undefined): SampleProfile | null {
  if (!samples || samples.length === 0) return null
  const keys = new Set<string>()
  const shapes = new Set<string>()
  let categorical = true
  for (const v of samples.slice(0, MAX_SAMPLES)) {
    if (v === null || v === undefined) continue
    for (const k of valueKeys(v)) keys.add(k)
    shapes.add(valueShape(v))
    if (typeof v !== 'string' || v.length > 24 || !ENUM_LIKE.test(v.trim())) categorical = false
  }
  if (keys.size === 0) return null
  const informative = new Set([...keys].filter(isInformative))
  return { keys, informative, shapes, categorical: categorical && keys.size >= 2, enumLike: categorical }
}

function onlyDays(p: SampleProfile): boolean {
  for (const k of p.keys) if (!k.startsWith('d:')) return false
  return true
}

/**
 * Share of the fields present in both snapshots whose samples overlap, over those with informative
 * samples on both sides (0 when fewer than 3 such fields). Near 1, both snapshots sampled the same
 * records, so a field that kept its data must share values with its new path too.
 */
export function sampleContinuity(pairs: ReadonlyArray<readonly [SampleProfile | null, SampleProfile | null]>): number {
  let total = 0
  let agreeing = 0
  for (const [a, b] of pairs) {
    if (!a || !b || a.informative.size === 0 || b.informative.size === 0) continue
    total++
    if ((compareSamples(a, b)?.sharedInformative ?? 0) > 0) agreeing++
  }
  return total < 3 ? 0 : agreeing / total
}

export function compareSamples(a: SampleProfile | null, b: SampleProfile | null): SampleComparison | null {
  if (!a || !b) return null
  let shared = 0
  let sharedInformative = 0
  let sharedIdentifying = 0
  let distinctiveShared = false
  const dateOnly = onlyDays(a) && onlyDays(b)
  for (const k of a.keys) {
    if (!b.keys.has(k)) continue
    shared++
    if (a.informative.has(k)) sharedInformative++
    if (isIdentifying(k, dateOnly)) {
      sharedIdentifying++
      if (k.length >= 10 && !k.startsWith('d:')) distinctiveShared = true
    }
  }
  const overlap = shared / Math.min(a.keys.size, b.keys.size)
  const smallestInformative = Math.min(a.informative.size, b.informative.size)
  if (sharedInformative >= 1 && overlap >= 0.5 && sharedInformative >= Math.min(2, smallestInformative)) {
    return { evidence: 1, overlap, sharedInformative, sharedIdentifying, distinctiveShared }
  }
  if (sharedInformative >= 1) return { evidence: 0.5, overlap, sharedInformative, sharedIdentifying, distinctiveShared }
  let sharedShapes = 0
  for (const s of a.shapes) if (b.shapes.has(s)) sharedShapes++
  const shapeSim = sharedShapes / Math.min(a.shapes.size, b.shapes.size)
  if (shapeSim < 0.5) return { evidence: -1, overlap, sharedInformative, sharedIdentifying, distinctiveShared }
  // Two small enumerations with no value in common hold different things (merge_status values
  // "can_be_merged" vs detailed values "mergeable"), whereas ids, names and amounts churn.
  if (a.categorical && b.categorical && shared === 0)
    return { evidence: -0.75, overlap, sharedInformative, sharedIdentifying, distinctiveShared }
  return { evidence: 0, overlap, sharedInformative, sharedIdentifying, distinctiveShared }
}
