// Incremental RFC 4180 CSV parser. Text arrives in chunks of any size (a field, a quoted newline or a
// `""` escape may straddle two chunks), so all parse state lives in the parser between pushes, and
// each chunk is scanned once: the cost is linear in the input whatever the chunking.
//
// Malformed records never throw and are never dropped: they come back as `{ ok: false, line, reason,
// raw }` so the caller can quarantine them. Leniencies, chosen to keep real-world exports usable:
// a quote inside an unquoted field is literal text (`5" screen`); LF, CRLF and a lone CR all end a
// record; blank lines are skipped; header names are trimmed and made unique.
import { type CsvOptions, CsvOptionsSchema, type CsvRow } from './parsed-rows.ts'

const QUOTE = 34
const LF = 10
const CR = 13
const BOM = 0xfeff

const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
const QUOTE_IN_QUOTED = 3 // just read a quote inside a quoted field: an escape or the closing quote
const SKIP_LINE = 4 // discarding the rest of an over-long record up to the next line break
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED | typeof SKIP_LINE

export interface CsvParser {
  /** Parses as much of the text as is complete; an unfinished record waits for the next chunk. */
  push(chunk: string): CsvRow[]
  /** Flushes the last record (a file need not end with a line break). Call once. */
  end(): CsvRow[]
  /** Column names: from the options or the first record; undefined until that record is read. */
  readonly header: readonly string[] | undefined
}

/** Trimmed, non-empty and unique names, so every column keeps its own key in the record. */
export function normalizeHeader(names: readonly string[]): string[] {
  const seen = new Set<string>()
  return names.map((name, i) => {
    const base = name.trim() === '' ? `column_${i + 1}` : name.trim()
    let unique = base
    for (let k = 2; seen.has(unique); k++) unique = `${base}_${k}`
    seen.add(unique)
    return unique
  })
}

function toRecord(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {}
  for (let k = 0; k < header.length; k++) {
    const key = header[k] ?? ''
    // Plain assignment to `__proto__` would set the prototype instead of a field.
    if (key === '__proto__') {
      Object.defineProperty(record, key, {
        value: fields[k] ?? '',
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else {
      record[key] = fields[k] ?? ''
    }
  }
  return record
}

function indexOrEnd(text: string, search: string, from: number): number {
  const k = text.indexOf(search, from)
  return k === -1 ? text.length : k
}

/** Line breaks (LF, CRLF, lone CR) in text[from, to); a CR at `to` - 1 is the caller's to judge. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) n++
  for (let k = text.indexOf('\r', from); k !== -1 && k < to - 1; k = text.indexOf('\r', k + 1)) {
    if (text.charCodeAt(k + 1) !== LF) n++
  }
  return n
}

export function createCsvParser(options: CsvOptions = {}): CsvParser {
  const opts = CsvOptionsSchema.parse(options)
  const delimiter = opts.delimiter
  const delim = delimiter.charCodeAt(0)
  const maxChars = opts.maxRecordChars
  let header: string[] | undefined = opts.header ? normalizeHeader(opts.header) : undefined

  let started = false // the BOM check waits for the first non-empty chunk
  let ended = false
  let state: State = FIELD_START
  let fields: string[] = []
  let field = '' // the current field's text carried over from earlier chunks (quoted content unescaped)
  let inRecord = false
  let pendingCR = false // a record ended on CR: an LF right after it belongs to the same line break
  let quotedCR = false // a quoted field's text so far ends with CR: the same question inside quotes
  let line = 1 // physical line at the read position
  let recordLine = 1
  let carriedRaw = '' // the current record's text from earlier chunks
  let bad: string | undefined // why the current record is malformed

  function resetRecord(): void {
    fields = []
    field = ''
    inRecord = false
    carriedRaw = ''
    bad = undefined
    quotedCR = false
  }

  /** Ends the record whose text finishes at `chunk[end]` (raw text is only built for errors). */
  function endRecord(rows: CsvRow[], chunk: string, recStart: number, end: number): void {
    if (header === undefined) {
      header = normalizeHeader(fields)
    } else if (bad === undefined && fields.length !== header.length) {
      bad = `expected ${header.length} fields, got ${fields.length}`
    } else if (bad === undefined) {
      rows.push({ ok: true, line: recordLine, record: toRecord(header, fields) })
    }
    if (bad !== undefined)
      rows.push({ ok: false, line: recordLine, reason: bad, raw: carriedRaw + chunk.slice(recStart, end) })
    resetRecord()
  }

  /**
   * The record reached `maxRecordChars` at `chunk[at]`: report it and skip to the next line break.
   * The point is fixed by the text, not by where chunks were cut, so results do not depend on chunking.
   */
  function overflow(rows: CsvRow[], chunk: string, recStart: number, at: number): void {
    const hint = state === QUOTED ? ' (unterminated quote?)' : ''
    const raw = carriedRaw + chunk.slice(recStart, at)
    rows.push({ ok: false, line: recordLine, reason: `record longer than ${maxChars} characters${hint}`, raw })
    resetRecord()
    state = SKIP_LINE
  }

  function push(input: string): CsvRow[] {
    if (ended) throw new Error('csv parser: push() after end()')
    const rows: CsvRow[] = []
    let chunk = input
    if (!started) {
      if (chunk.length === 0) return rows
      started = true
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1)
    }
    const n = chunk.length
    let i = 0
    let recStart = 0 // a record carried over from the previous chunk starts at 0 here
    let limit = maxChars - carriedRaw.length // first index in this chunk beyond the size limit
    let quoteAt = -1 // next quote at or after the read position (n: none), -1: not searched yet
    let crAt = -1
    while (i < n) {
      switch (state) {
        case FIELD_START: {
          const c = chunk.charCodeAt(i)
          if (pendingCR) {
            pendingCR = false
            if (c === LF) {
              i++
              continue
            }
          }
          if (!inRecord) {
            inRecord = true
            recStart = i
            limit = i + maxChars
            recordLine = line
            // Fast path: a whole line in this chunk with no quote and no lone CR is split natively,
            // which is several times faster than the state machine. Quote/CR positions are cached
            // so each is searched for once per occurrence, keeping the scan linear.
            const nl = chunk.indexOf('\n', i)
            if (nl !== -1) {
              if (quoteAt < i) quoteAt = indexOrEnd(chunk, '"', i)
              if (crAt < i) crAt = indexOrEnd(chunk, '\r', i)
              const lineEnd = crAt === nl - 1 ? nl - 1 : nl
              if (quoteAt > nl && (crAt > nl || crAt === nl - 1) && lineEnd <= limit) {
                if (lineEnd === i && opts.skipEmptyLines) resetRecord()
                else {
                  fields = chunk.slice(i, lineEnd).split(delimiter)
                  endRecord(rows, chunk, recStart, lineEnd)
                }
                line++
                i = nl + 1
                continue
              }
            }
          }
          if (c === LF || c === CR) {
            if (fields.length === 0 && opts.skipEmptyLines) resetRecord()
            else {
              fields.push('')
              endRecord(rows, chunk, recStart, i)
            }
            line++
            pendingCR = c === CR
            i++
          } else if (i >= limit) {
            overflow(rows, chunk, recStart, i)
          } else if (c === QUOTE) {
            state = QUOTED
            i++
          } else if (c === delim) {
            fields.push('')
            i++
          } else {
            state = UNQUOTED // scanned from this same position
          }
          break
        }
        case UNQUOTED: {
          // The hot path: find the field's end with plain char-code compares, then slice once.
          let j = i
          let c = 0
          while (j < n) {
            c = chunk.charCodeAt(j)
            if (c === delim || c === LF || c === CR) break
            j++
          }
          if (j > limit || (j === limit && c === delim)) {
            overflow(rows, chunk, recStart, limit)
            i = limit
            break
          }
          const value = field === '' ? chunk.slice(i, j) : field + chunk.slice(i, j)
          if (j === n) {
            field = value
            i = n
            break
          }
          field = ''
          fields.push(value)
          state = FIELD_START
          if (c !== delim) {
            endRecord(rows, chunk, recStart, j)
            line++
            pendingCR = c === CR
          }
          i = j + 1
          break
        }
        case QUOTED: {
          if (quotedCR) {
            quotedCR = false
            if (chunk.charCodeAt(i) !== LF) line++
          }
          const q = chunk.indexOf('"', i)
          // Text up to the closing quote (inclusive) belongs to the record; cut it at the limit.
          const reach = q === -1 ? n : q + 1
          const end = Math.min(q === -1 ? n : q, limit)
          if (end > i) {
            field += chunk.slice(i, end)
            line += countLineBreaks(chunk, i, end)
            // A CR ending the segment is a line break of its own unless an LF follows it, which
            // may only be known from the next chunk.
            if (chunk.charCodeAt(end - 1) === CR) {
              if (end === n) quotedCR = true
              else if (chunk.charCodeAt(end) !== LF) line++
            }
          }
          if (reach > limit) {
            overflow(rows, chunk, recStart, limit)
            i = limit
          } else if (q === -1) {
            i = n
          } else {
            state = QUOTE_IN_QUOTED
            i = q + 1
          }
          break
        }
        case QUOTE_IN_QUOTED: {
          const c = chunk.charCodeAt(i)
          if (c === LF || c === CR) {
            fields.push(field)
            field = ''
            state = FIELD_START
            endRecord(rows, chunk, recStart, i)
            line++
            pendingCR = c === CR
            i++
          } else if (i >= limit) {
            overflow(rows, chunk, recStart, i)
          } else if (c === QUOTE) {
            field += '"'
            state = QUOTED
            i++
          } else if (c === delim) {
            fields.push(field)
            field = ''
            state = FIELD_START
            i++
          } else {
            // `"abc"x`: keep the text (as if unquoted) but flag the record for quarantine.
            bad ??= `unexpected character after closing quote at line ${line}`
            state = UNQUOTED
          }
          break
        }
        case SKIP_LINE: {
          let j = i
          while (j < n) {
            const c = chunk.charCodeAt(j)
            if (c === LF || c === CR) break
            j++
          }
          if (j < n) {
            line++
            pendingCR = chunk.charCodeAt(j) === CR
            state = FIELD_START
          }
          i = j === n ? n : j + 1
          break
        }
      }
    }
    if (inRecord) carriedRaw += chunk.slice(recStart)
    return rows
  }

  function end(): CsvRow[] {
    if (ended) return []
    ended = true
    const rows: CsvRow[] = []
    if (!inRecord) return rows
    if (state === QUOTED) {
      rows.push({ ok: false, line: recordLine, reason: 'unterminated quoted field', raw: carriedRaw })
      resetRecord()
      return rows
    }
    if (state !== SKIP_LINE) {
      fields.push(field) // the unfinished last field ('' after a trailing delimiter)
      endRecord(rows, '', 0, 0)
    }
    return rows
  }

  return {
    push,
    end,
    get header() {
      return header
    },
  }
}

/** Parses a whole text at once (tests, small uploads). */
export function parseCsv(
  text: string,
  options: CsvOptions = {},
): { header: readonly string[] | undefined; rows: CsvRow[] } {
  const parser = createCsvParser(options)
  const rows = parser.push(text)
  rows.push(...parser.end())
  return { header: parser.header, rows }
}
