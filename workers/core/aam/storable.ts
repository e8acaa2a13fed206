// What Postgres can store. Its text and jsonb hold no U+0000, jsonb rejects an unpaired UTF-16 surrogate
// (an escaped `\ud800` with no pair) and the driver would turn one in text into U+FFFD; a value nested
// thousands deep overflows a stack on the way. One such value used to fail the whole batch, so the
// file, and every later file of the connection. Records are checked here first and quarantined instead.
import { encodeEscaped } from './ingest/utf8.ts'

export const MAX_DEPTH = 100

export type TextProblem = 'nul' | 'unpaired_surrogate'
export type Unstorable = { path: string; problem: TextProblem | 'too_deep' }

const BAD_CHAR = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const ALL_BAD_CHARS = new RegExp(BAD_CHAR.source, 'g')

/**
 * A fast native test: false means `text` holds nothing Postgres cannot store. Text cut from a longer
 * one may show half a surrogate pair as unpaired: a false alarm, never a miss.
 */
export const mayBeUnstorable = (text: string) => BAD_CHAR.test(text)

/** The first character of `text` that Postgres cannot store, if any (a native scan for the clean case). */
export function textProblem(text: string): TextProblem | null {
  if (!BAD_CHAR.test(text)) return null
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return 'nul'
    if (c < 0xd800 || c > 0xdfff) continue
    const next = text.charCodeAt(i + 1)
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++
    else return 'unpaired_surrogate'
  }
  return null
}

/** `text` with every character Postgres cannot store replaced by U+FFFD: for display, never for data. */
export const displayText = (text: string) => (BAD_CHAR.test(text) ? text.replace(ALL_BAD_CHARS, '\uFFFD') : text)

const join = (key: string, sub: string) => (sub === '' ? key : sub.startsWith('[') ? key + sub : `${key}.${sub}`)

function walk(value: unknown, depth: number): Unstorable | null {
  if (typeof value === 'string') {
    const problem = textProblem(value)
    return problem ? { path: '', problem } : null
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null
  if (depth >= MAX_DEPTH) return { path: '', problem: 'too_deep' }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], depth + 1)
      if (found) return { ...found, path: join(`[${i}]`, found.path) }
    }
    return null
  }
  for (const [key, v] of Object.entries(value)) {
    const problem = textProblem(key)
    if (problem) return { path: key, problem }
    const found = walk(v, depth + 1)
    if (found) return { ...found, path: join(key, found.path) }
  }
  return null
}

/** Where in a record (keys included) something Postgres cannot store sits, or null when it all can be stored. */
export const findUnstorable = (record: unknown): Unstorable | null => walk(record, 0)

/** The quarantine reason for a record `findUnstorable` rejected. */
export function unstorableReason(found: Unstorable): string {
  const where = found.path === '' ? 'the record' : `field "${displayText(found.path)}"`
  switch (found.problem) {
    case 'nul':
      return `${where} contains a NUL character (U+0000), which cannot be stored`
    case 'unpaired_surrogate':
      return `${where} contains an unpaired UTF-16 surrogate (e.g. \\ud800 without its pair), which is not valid Unicode`
    case 'too_deep':
      return `${where} is nested more than ${MAX_DEPTH} levels deep`
  }
}

/** A copy of `value` Postgres can store (strings shown with U+FFFD, depth capped): for samples and profiles. */
export function storableCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return displayText(value)
  if (value === null || typeof value !== 'object') return value
  const plain = Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value))
  if (!plain) return value // a Date, a buffer: serialised by the driver as they are
  if (depth >= MAX_DEPTH) return null
  if (Array.isArray(value)) return value.map((v) => storableCopy(v, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [displayText(k), storableCopy(v, depth + 1)]))
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * A quarantined row's raw text as it can be stored: as it is when Postgres can hold it; else shown with
 * U+FFFD, with the exact bytes (invalid UTF-8 and NUL included) kept beside it in base64.
 */
export function quarantineRaw(raw: string): { raw: string; rawBase64: string | null } {
  if (textProblem(raw) === null) return { raw, rawBase64: null }
  return { raw: displayText(raw), rawBase64: toBase64(encodeEscaped(raw)) }
}
