// The bytes of one physical line of a file read in chunks. A quarantined record longer than a quarantine
// entry keeps inline is one such line of its source file (which is never deleted), served from there
// whole, whatever its size. Lines end as the parsers end them: LF or CRLF (not part of the line), and
// for CSV a lone CR too; a BOM opening the file is not part of line 1.

const LF = 0x0a
const CR = 0x0d

export interface LineSlicer {
  /** The target line's bytes found in this chunk (none before it, none after it). */
  push(bytes: Uint8Array): Uint8Array[]
  /** True once the target line has ended: nothing more needs to be read. */
  readonly done: boolean
}

export function createLineSlicer(target: number, options: { loneCrEndsLine: boolean }): LineSlicer {
  const { loneCrEndsLine } = options
  let line = 1
  let first = true
  let pendingCR = false // CSV: the last byte was a CR that ended a line, so an LF right after it adds none
  let heldCR = false // JSONL: the target line so far ends in CR, part of the line only if no LF follows
  let done = false

  function push(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = []
    if (done) return out
    let i = 0
    if (first && target === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
    first = false
    let start = line === target ? i : -1
    const emit = (end: number) => {
      if (heldCR) out.push(Uint8Array.of(CR))
      heldCR = false
      if (end > start) out.push(bytes.subarray(start, end))
    }
    for (; i < bytes.length; i++) {
      const b = bytes[i]
      if (pendingCR) {
        pendingCR = false
        if (b === LF) {
          if (start === i) start = i + 1
          continue
        }
      }
      if (b !== LF && !(b === CR && loneCrEndsLine)) continue
      if (line === target) {
        let end = i
        if (b === LF && !loneCrEndsLine) {
          if (end > start && bytes[end - 1] === CR) end--
          else if (end === start) heldCR = false // the held CR was the first half of this CRLF
        }
        emit(end)
        done = true
        return out
      }
      line++
      pendingCR = b === CR
      if (line === target) start = i + 1
    }
    if (line === target && bytes.length > start) {
      const trailingCR = !loneCrEndsLine && bytes[bytes.length - 1] === CR
      emit(trailingCR ? bytes.length - 1 : bytes.length)
      heldCR = trailingCR
    }
    return out
  }

  return {
    push,
    get done() {
      return done
    },
  }
}
