// Incremental RFC 4180 CSV parser. Text arrives in chunks of any size (a field, a quoted newline or a
// `""` escape may straddle two chunks), so all parse state lives in the parser between pushes, and
// each chunk is scanned once: the cost is linear in the input whatever the chunking.
//
// Malformed records never throw and are never dropped: they come back as `{ ok: false, line, reason,
// raw }` so the caller can quarantine them. So do records Postgres could not store (a NUL, bytes that
// are not UTF-8: see utf8.ts). A malformed record that spans lines is most likely a stray quote that
// swallowed the lines after it: only its first line is reported and the rest are read again as records.
// Leniencies, chosen to keep real-world exports usable: a quote inside an unquoted field is literal text
// (`5" screen`); LF, CRLF and a lone CR all end a record; blank lines are skipped (and counted); header
// names are trimmed and made unique.
import { displayText, mayBeUnstorable, type TextProblem, textProblem } from '../storable.ts'
import { type CsvOptions, CsvOptionsSchema, type CsvRow, rawPreview } from './parsed-rows.ts'

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
  /** Blank lines skipped so far (rows read that carry no record). */
  readonly blankLines: number
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

const describeProblem = (problem: TextProblem, where: string) =>
  problem === 'nul'
    ? `${where} contains a NUL character (U+0000), which cannot be stored`
    : `${where} has bytes that are not valid UTF-8 text`

/** Why a record's values cannot be stored (in text decoded by utf8.ts a lone surrogate is a bad byte). */
function fieldsProblem(header: readonly string[], fields: readonly string[]): string | undefined {
  for (let k = 0; k < fields.length; k++) {
    const problem = textProblem(fields[k] ?? '')
    if (problem) return describeProblem(problem, `column "${displayText(header[k] ?? String(k + 1))}"`)
  }
  return undefined
}

function headerProblem(header: readonly string[]): string | undefined {
  for (let k = 0; k < header.length; k++) {
    const problem = textProblem(header[k] ?? '')
    if (problem) return describeProblem(problem, `the name of column ${k + 1} in the header`)
  }
  return undefined
}

/** Where the first line break of `text` starts and where the next line begins (-1 when there is none). */
function firstLineBreak(text: string): { at: number; next: number } {
  const lf = text.indexOf('\n')
  const cr = text.indexOf('\r')
  const at = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
  return { at, next: at !== -1 && at === cr && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1 }
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
  let badHeader = header && headerProblem(header) // every record is quarantined with it

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
  let chunkSuspect = false // the chunk being scanned may hold characters that cannot be stored
  let carriedSuspect = false // so may the current record's text from earlier chunks
  let blankLines = 0
  // Set when a malformed record spanning lines is cut back to its first line: the scan stops and reads
  // `text` (the rest of the record and of the chunk) as new input from `line`.
  let resume: { text: string; line: number; pendingCR: boolean } | null = null

  function resetRecord(): void {
    fields = []
    field = ''
    inRecord = false
    carriedRaw = ''
    carriedSuspect = false
    bad = undefined
    quotedCR = false
  }

  /**
   * Reports only the first line of the current record (whose text runs from `chunk[recStart]`) and has
   * the scan read everything after that line again: a stray quote must not swallow the lines after it.
   */
  function recover(rows: CsvRow[], chunk: string, recStart: number, reason: string): void {
    const whole = carriedRaw + chunk.slice(recStart)
    const { at, next } = firstLineBreak(whole)
    const lastLine = line
    rows.push({
      ok: false,
      line: recordLine,
      reason: `${reason}; the record would span lines ${recordLine}-${lastLine} (a stray quote?), so this line is quarantined alone and the lines after it are read as records`,
      raw: whole.slice(0, at),
    })
    // A CR ending the chunk may be the first half of a CRLF whose LF comes with the next chunk.
    resume = { text: whole.slice(next), line: recordLine + 1, pendingCR: next === whole.length && whole[at] === '\r' }
    resetRecord()
  }

  /** Ends the record whose text finishes at `chunk[end]` (raw text is only built for errors). */
  function endRecord(rows: CsvRow[], chunk: string, recStart: number, end: number): void {
    if (header === undefined) {
      header = normalizeHeader(fields)
      badHeader = headerProblem(header)
      if (bad !== undefined)
        rows.push({ ok: false, line: recordLine, reason: bad, raw: carriedRaw + chunk.slice(recStart, end) })
      resetRecord()
      return
    }
    if (bad === undefined && fields.length !== header.length)
      bad = `expected ${header.length} fields, got ${fields.length}`
    if (bad !== undefined) {
      // Malformed in its structure: if it spans lines, a stray quote probably made it.
      const raw = carriedRaw + chunk.slice(recStart, end)
      if (/[\r\n]/.test(raw)) recover(rows, chunk, recStart, bad)
      else rows.push({ ok: false, line: recordLine, reason: bad, raw })
    } else {
      const unstorable = badHeader ?? (chunkSuspect || carriedSuspect ? fieldsProblem(header, fields) : undefined)
      if (unstorable === undefined) rows.push({ ok: true, line: recordLine, record: toRecord(header, fields) })
      else rows.push({ ok: false, line: recordLine, reason: unstorable, raw: carriedRaw + chunk.slice(recStart, end) })
    }
    resetRecord()
  }

  /**
   * The record reached `maxRecordChars` at `chunk[at]`: report it and skip to the next line break.
   * The point is fixed by the text, not by where chunks were cut, so results do not depend on chunking.
   */
  function overflow(rows: CsvRow[], chunk: string, recStart: number, at: number): void {
    const raw = carriedRaw + chunk.slice(recStart, at)
    if (/[\r\n]/.test(raw)) {
      recover(rows, chunk, recStart, `quoted field longer than ${maxChars} characters (unterminated quote?)`)
      return
    }
    // One physical line over the limit: its start here, the whole of it stays in the source file.
    const hint = state === QUOTED ? ' (unterminated quote?)' : ''
    const reason = `record longer than ${maxChars} characters${hint}`
    rows.push({ ok: false, line: recordLine, reason, raw: rawPreview(raw), truncated: true })
    resetRecord()
    state = SKIP_LINE
  }

  /** Applies a pending `resume` and returns the text to scan next. */
  function takeResume(): string {
    const next = resume as NonNullable<typeof resume>
    resume = null
    line = next.line
    pendingCR = next.pendingCR
    state = FIELD_START
    return next.text
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
    scanAll(chunk, rows)
    return rows
  }

  function scanAll(chunk: string, rows: CsvRow[]): void {
    for (let text: string | null = chunk; text !== null; ) text = scan(text, rows)
  }

  /** Parses one chunk; returns the text to read next when a record was cut back to its first line. */
  function scan(chunk: string, rows: CsvRow[]): string | null {
    chunkSuspect = mayBeUnstorable(chunk)
    const n = chunk.length
    let i = 0
    let recStart = 0 // a record carried over from the previous chunk starts at 0 here
    let limit = maxChars - carriedRaw.length // first index in this chunk beyond the size limit
    let quoteAt = -1 // next quote at or after the read position (n: none), -1: not searched yet
    let crAt = -1
    while (i < n) {
      if (resume) return takeResume()
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
                if (lineEnd === i && opts.skipEmptyLines) {
                  blankLines++
                  resetRecord()
                } else {
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
            if (fields.length === 0 && opts.skipEmptyLines) {
              blankLines++
              resetRecord()
            } else {
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
    if (resume) return takeResume()
    if (inRecord) {
      carriedRaw += chunk.slice(recStart)
      carriedSuspect ||= chunkSuspect
    }
    return null
  }

  /** Ends the record the input stopped in; may read lines after a stray quote again. */
  function finish(rows: CsvRow[]): string | null {
    chunkSuspect = false
    if (!inRecord || state === SKIP_LINE) return null
    if (state === QUOTED) {
      const reason = 'unterminated quoted field'
      if (/[\r\n]/.test(carriedRaw)) recover(rows, '', 0, reason)
      else {
        rows.push({ ok: false, line: recordLine, reason, raw: carriedRaw })
        resetRecord()
      }
    } else {
      fields.push(field) // the unfinished last field ('' after a trailing delimiter)
      endRecord(rows, '', 0, 0)
    }
    return resume ? takeResume() : null
  }

  function end(): CsvRow[] {
    if (ended) return []
    const rows: CsvRow[] = []
    for (let text = finish(rows); text !== null; text = finish(rows)) scanAll(text, rows)
    ended = true
    return rows
  }

  return {
    push,
    end,
    get header() {
      return header
    },
    get blankLines() {
      return blankLines
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
