// Incremental JSON Lines parser with the same streaming shape as the CSV parser: text chunks of any
// size in, one row per non-blank line out. A line that is not a JSON object, or holds what Postgres
// cannot store (bytes that are not UTF-8, an escaped NUL or unpaired surrogate, absurd nesting), comes
// back as `{ ok: false, line, reason, raw }` for quarantine; nothing throws and nothing is dropped.
import { findUnstorable, mayBeUnstorable, unstorableReason } from '../storable.ts'
import { type JsonlOptions, JsonlOptionsSchema, type JsonlRow, RAW_PREVIEW_CHARS, rawPreview } from './parsed-rows.ts'
import { escapedByteCount } from './utf8.ts'

export interface JsonlParser {
  push(chunk: string): JsonlRow[]
  /** Flushes the last line (a file need not end with a line break). Call once. */
  end(): JsonlRow[]
  /** Blank lines skipped so far (rows read that carry no record). */
  readonly blankLines: number
}

function describeJson(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

export function createJsonlParser(options: JsonlOptions = {}): JsonlParser {
  const { maxLineChars } = JsonlOptionsSchema.parse(options)
  let started = false
  let ended = false
  let line = 1
  let carried = '' // the current line's text from earlier chunks
  let skipping = false // an over-long line was reported; discard the rest of it
  let blankLines = 0

  function parseLine(rows: JsonlRow[], raw: string): void {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1) // a BOM opening any line (files joined together)
    if (text.length > maxLineChars) {
      rows.push({
        ok: false,
        line,
        reason: `line longer than ${maxLineChars} characters`,
        raw: rawPreview(text, Math.min(maxLineChars, RAW_PREVIEW_CHARS)),
        truncated: true,
      })
      return
    }
    if (text.trim() === '') {
      blankLines++ // blank lines carry no record
      return
    }
    const badBytes = mayBeUnstorable(text) ? escapedByteCount(text) : 0
    if (badBytes > 0) {
      rows.push({ ok: false, line, reason: `${badBytes} bytes are not valid UTF-8 text`, raw: text })
      return
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (err) {
      rows.push({ ok: false, line, reason: `invalid JSON: ${(err as Error).message}`, raw: text })
      return
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      rows.push({ ok: false, line, reason: `expected a JSON object, got ${describeJson(value)}`, raw: text })
      return
    }
    // Escapes (\u0000, \ud800) and nesting only show once parsed.
    const unstorable = findUnstorable(value)
    if (unstorable) {
      rows.push({ ok: false, line, reason: unstorableReason(unstorable), raw: text })
      return
    }
    rows.push({ ok: true, line, record: value as Record<string, unknown> })
  }

  function push(input: string): JsonlRow[] {
    if (ended) throw new Error('jsonl parser: push() after end()')
    const rows: JsonlRow[] = []
    let chunk = input
    if (!started) {
      if (chunk.length === 0) return rows
      started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    let i = 0
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', i)) {
      if (skipping) skipping = false
      else parseLine(rows, carried === '' ? chunk.slice(i, nl) : carried + chunk.slice(i, nl))
      carried = ''
      line++
      i = nl + 1
    }
    if (!skipping && i < chunk.length) {
      carried += chunk.slice(i)
      if (carried.length > maxLineChars + 1) {
        // Report now rather than buffer without bound; resume after the next line break.
        parseLine(rows, carried)
        carried = ''
        skipping = true
      }
    }
    return rows
  }

  function end(): JsonlRow[] {
    if (ended) return []
    ended = true
    const rows: JsonlRow[] = []
    if (!skipping && carried !== '') parseLine(rows, carried)
    carried = ''
    return rows
  }

  return {
    push,
    end,
    get blankLines() {
      return blankLines
    },
  }
}
