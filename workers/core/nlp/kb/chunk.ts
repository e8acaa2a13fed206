// Splits a document into overlapping chunks of about `targetTokens`, on the boundaries a reader would choose:
// a Markdown heading starts a new chunk (and names the ones under it), then paragraphs, then sentences, and a
// sentence longer than a chunk is cut between words. Each chunk is a slice of the original text (offsets kept,
// so an answer can cite and highlight it) and repeats the end of the chunk before it (`overlapTokens`), so a
// passage cut in two is still whole in one of them. Sizes are estimated at four characters a token
// (core/llm/tokens.ts), the same estimate the LLM budget uses.
import { estimateTokens } from '../../llm/tokens.ts'

export type ChunkFormat = 'text' | 'markdown'

export interface ChunkOptions {
  /** Upper bound of a chunk's size (estimated tokens), overlap included. */
  targetTokens?: number
  /** How much of the previous chunk's end a chunk repeats (estimated tokens). */
  overlapTokens?: number
}

export interface Chunk {
  ordinal: number
  /** The chunk's text: `source.slice(start, end)`. */
  text: string
  start: number
  end: number
  /** The Markdown headings the chunk sits under, outermost first (empty for plain text). */
  headings: string[]
}

export const DEFAULT_CHUNK_TOKENS = 512
export const DEFAULT_OVERLAP_TOKENS = 64

/** A run of text that is never split unless it alone exceeds a chunk: a sentence, a code line. */
interface Unit {
  start: number
  end: number
  /** A paragraph or heading starts here: the preferred place to end a chunk. */
  breakBefore: boolean
  /** The headings in force, outermost first. */
  headings: string[]
  /** A heading line itself: it starts a chunk. */
  heading: boolean
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/
const FENCE = /^ {0,3}(```|~~~)/
/** A sentence ends at . ! ? (and closing quotes or brackets) before white space and a capital, digit or quote. */
const SENTENCE_END = /[.!?]["')\]]*\s+(?=["'([]?[\p{Lu}\p{N}])/gu

/** Paragraph blocks (separated by blank lines) with offsets; Markdown headings and code fences are blocks of their own. */
function blocks(
  text: string,
  format: ChunkFormat,
): { start: number; end: number; heading?: [number, string]; code?: boolean }[] {
  const out: { start: number; end: number; heading?: [number, string]; code?: boolean }[] = []
  const lineRe = /[^\n]*(\n|$)/g
  let paraStart = -1
  let paraEnd = -1
  let fenceStart = -1
  const flush = () => {
    if (paraStart >= 0) out.push({ start: paraStart, end: paraEnd })
    paraStart = -1
  }
  for (let m = lineRe.exec(text); m && m.index < text.length; m = lineRe.exec(text)) {
    const lineStart = m.index
    const line = m[0].replace(/\r?\n$/, '')
    const lineEnd = lineStart + line.length
    if (format === 'markdown' && FENCE.test(line)) {
      if (fenceStart < 0) {
        flush()
        fenceStart = lineStart
      } else {
        out.push({ start: fenceStart, end: lineEnd, code: true })
        fenceStart = -1
      }
      continue
    }
    if (fenceStart >= 0) continue
    const heading = format === 'markdown' ? HEADING.exec(line) : null
    if (heading) {
      flush()
      out.push({ start: lineStart, end: lineEnd, heading: [(heading[1] as string).length, heading[2] as string] })
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    if (paraStart < 0) paraStart = lineStart
    paraEnd = lineEnd
  }
  if (fenceStart >= 0) out.push({ start: fenceStart, end: text.length, code: true })
  flush()
  return out
}

/** Cuts [start, end) into pieces of at most `maxChars`, between words where there are any. */
function cutLong(text: string, start: number, end: number, maxChars: number): [number, number][] {
  const pieces: [number, number][] = []
  let s = start
  while (end - s > maxChars) {
    let cut = text.lastIndexOf(' ', s + maxChars)
    if (cut <= s) cut = s + maxChars
    pieces.push([s, cut])
    s = cut
    while (s < end && /\s/.test(text[s] as string)) s++
  }
  if (s < end) pieces.push([s, end])
  return pieces
}

function units(text: string, format: ChunkFormat, maxChars: number): Unit[] {
  const out: Unit[] = []
  const trail: [number, string][] = []
  for (const block of blocks(text, format)) {
    if (block.heading) {
      const [level, title] = block.heading
      while (trail.length > 0 && (trail[trail.length - 1] as [number, string])[0] >= level) trail.pop()
      trail.push([level, title])
      out.push({
        start: block.start,
        end: block.end,
        breakBefore: true,
        headings: trail.map((h) => h[1]),
        heading: true,
      })
      continue
    }
    const headings = trail.map((h) => h[1])
    // Code is cut by lines, prose by sentences.
    const pieces: [number, number][] = []
    if (block.code) {
      const lineRe = /[^\n]+/g
      const body = text.slice(block.start, block.end)
      for (let m = lineRe.exec(body); m; m = lineRe.exec(body))
        pieces.push([block.start + m.index, block.start + m.index + m[0].length])
    } else {
      const body = text.slice(block.start, block.end)
      let s = 0
      for (const m of body.matchAll(SENTENCE_END)) {
        const e = (m.index as number) + m[0].trimEnd().length
        pieces.push([block.start + s, block.start + e])
        s = (m.index as number) + m[0].length
      }
      if (s < body.length) pieces.push([block.start + s, block.end])
    }
    let first = true
    for (const [s, e] of pieces)
      for (const [ps, pe] of cutLong(text, s, e, maxChars)) {
        out.push({ start: ps, end: pe, breakBefore: first, headings, heading: false })
        first = false
      }
  }
  return out
}

/**
 * The chunks of `text`: none for blank text, one for a short one. A chunk never exceeds `targetTokens`
 * (about four characters a token) unless one word does.
 */
export function chunkText(text: string, format: ChunkFormat = 'text', options: ChunkOptions = {}): Chunk[] {
  const targetTokens = Math.max(16, options.targetTokens ?? DEFAULT_CHUNK_TOKENS)
  const overlapTokens = Math.min(Math.max(0, options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS), targetTokens / 2)
  const maxChars = targetTokens * 4
  const all = units(text, format, maxChars - overlapTokens * 4)
  const chunks: Chunk[] = []
  let first = 0 // first unit of the chunk being built
  while (first < all.length) {
    let last = first
    const start = (all[first] as Unit).start
    // Grow while it fits; stop before a heading, and prefer to stop at a paragraph once half full.
    while (last + 1 < all.length) {
      const next = all[last + 1] as Unit
      if (estimateTokens(text.slice(start, next.end)) > targetTokens) break
      if (next.heading && !(all[last] as Unit).heading) break
      last++
    }
    if (last + 1 < all.length && !(all[last + 1] as Unit).breakBefore) {
      // Ending mid-paragraph: end at the last paragraph start instead when that keeps the chunk over half full.
      for (let k = last; k > first; k--) {
        const u = all[k] as Unit
        if (u.breakBefore && estimateTokens(text.slice(start, (all[k - 1] as Unit).end)) >= targetTokens / 2) {
          last = k - 1
          break
        }
      }
    }
    const end = (all[last] as Unit).end
    const body = text.slice(start, end)
    if (body.trim() !== '')
      chunks.push({ ordinal: chunks.length, text: body, start, end, headings: (all[last] as Unit).headings })
    if (last + 1 >= all.length) break
    // The next chunk starts with the last units of this one that fit in the overlap (not across a heading).
    let next = last + 1
    if (!(all[next] as Unit).heading)
      while (
        next - 1 > first &&
        !(all[next - 1] as Unit).heading &&
        estimateTokens(text.slice((all[next - 1] as Unit).start, end)) <= overlapTokens
      )
        next--
    first = next
  }
  return chunks
}
