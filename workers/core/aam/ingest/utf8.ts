// Uploaded bytes to text without losing a byte. A standard decoder replaces each byte that is not
// UTF-8 with U+FFFD, so a damaged row reads as a clean one and its bytes are gone. This decoder maps
// such a byte b to the lone surrogate U+DC00 + b instead (Python's "surrogateescape", PEP 383): text
// decoded from bytes never holds a lone surrogate otherwise, so the parsers can tell a damaged row
// (and quarantine it) and `encodeEscaped` gives its exact bytes back.

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

const ESCAPE_BASE = 0xdc00

/** Length of the valid UTF-8 sequence at `bytes[i]`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number
  if (b0 < 0x80) return 1
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k]
    return b !== undefined && b >= lo && b <= hi
  }
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80
    const hi = b0 === 0xed ? 0x9f : 0xbf // ED A0.. would be a surrogate
    return cont(1, lo, hi) && cont(2) ? 3 : 0
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80
    const hi = b0 === 0xf4 ? 0x8f : 0xbf // beyond U+10FFFF otherwise
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

/** The slow path, for a chunk with bytes that are not UTF-8: valid runs decoded, each bad byte escaped. */
function decodeEscaping(bytes: Uint8Array): string {
  let out = ''
  let run = 0 // start of the current valid run
  let i = 0
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i)
    if (n > 0) {
      i += n
      continue
    }
    out += strict.decode(bytes.subarray(run, i)) + String.fromCharCode(ESCAPE_BASE + (bytes[i] as number))
    i++
    run = i
  }
  return out + strict.decode(bytes.subarray(run))
}

/** Where an incomplete sequence at the end of `bytes` starts (it may complete in the next chunk). */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] as number
    if (b < 0x80) return bytes.length
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
      return need > back ? bytes.length - back : bytes.length
    }
  }
  return bytes.length
}

export interface Utf8Decoder {
  /** Decodes what is complete; a sequence cut by the chunk boundary waits for the next chunk. */
  push(bytes: Uint8Array): string
  /** The bytes still waiting, escaped (a file may end inside a sequence). Call once. */
  end(): string
}

/** A streaming decoder: native speed on valid UTF-8, exact escapes on anything else. A BOM is kept. */
export function createUtf8Decoder(): Utf8Decoder {
  let carry: Uint8Array | null = null
  const decode = (bytes: Uint8Array) => {
    try {
      return strict.decode(bytes)
    } catch {
      return decodeEscaping(bytes)
    }
  }
  return {
    push(chunk) {
      let bytes = chunk
      if (carry) {
        bytes = new Uint8Array(carry.length + chunk.length)
        bytes.set(carry)
        bytes.set(chunk, carry.length)
      }
      const cut = completeLength(bytes)
      carry = cut < bytes.length ? bytes.slice(cut) : null
      return decode(bytes.subarray(0, cut))
    },
    end() {
      const rest = carry
      carry = null
      return rest ? decodeEscaping(rest) : ''
    },
  }
}

/** True for a lone surrogate in U+DC80..U+DCFF at `i` (an escaped byte), not the low half of a pair. */
const isEscapedByte = (text: string, i: number) => {
  const c = text.charCodeAt(i)
  if (c < 0xdc80 || c > 0xdcff) return false
  const before = i > 0 ? text.charCodeAt(i - 1) : 0
  return before < 0xd800 || before > 0xdbff
}

/** How many bytes of `text` were escaped by the decoder (were not UTF-8). */
export function escapedByteCount(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (isEscapedByte(text, i)) n++
  return n
}

/** The bytes `text` was decoded from: UTF-8, with each escaped byte back as itself. */
export function encodeEscaped(text: string): Uint8Array {
  const parts: Uint8Array[] = []
  let run = 0
  for (let i = 0; i < text.length; i++) {
    if (!isEscapedByte(text, i)) continue
    parts.push(encoder.encode(text.slice(run, i)), Uint8Array.of(text.charCodeAt(i) - ESCAPE_BASE))
    run = i + 1
  }
  parts.push(encoder.encode(text.slice(run)))
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * Why a file cannot be read as UTF-8 text at all, from its first bytes: another encoding's byte-order
 * mark or a compressed archive. Every row would be garbage, so the file is failed with this reason.
 */
export function unreadableEncoding(head: Uint8Array): string | null {
  const [a, b, c, d] = head
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff))
    return 'The file is UTF-16 (or UTF-32) text; save it as UTF-8 and upload it again.'
  if (a === 0x1f && b === 0x8b) return 'The file is gzip-compressed; upload it uncompressed.'
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04)
    return 'The file is a ZIP archive (an Excel workbook?); export it as CSV or JSON Lines and upload that.'
  return null
}
