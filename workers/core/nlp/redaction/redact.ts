import { type DetectOptions, detectPii } from './detect.ts'
import type { PiiSpan } from './pii-types.ts'
import { emptyRedactionMap, placeholderAssigner, type RedactionMap } from './placeholders.ts'

export type RedactOptions = DetectOptions & {
  /** The request's map so far; several texts of one request (a prompt's parts) share it. */
  map?: RedactionMap
}

export type Redaction = {
  /** The text with every span replaced by its typed placeholder, `<EMAIL_1>`. */
  text: string
  /** The request's map (the one passed in, updated), for reidentify. */
  map: RedactionMap
  /** What was replaced, in the input's offsets. */
  spans: PiiSpan[]
}

/**
 * Replaces every piece of PII in `text` with a typed placeholder. The same value gets the same placeholder
 * within one map, so pass the request's map to every call of that request and reidentify the answer with
 * it; a new map per request keeps placeholders from linking values across requests.
 */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  const map = options.map ?? emptyRedactionMap()
  const spans = detectPii(text, options)
  const placeholderFor = placeholderAssigner(map)
  let out = ''
  let at = 0
  for (const s of spans) {
    out += text.slice(at, s.start) + placeholderFor(s.type, text.slice(s.start, s.end))
    at = s.end
  }
  return { text: out + text.slice(at), map, spans }
}

export { reidentify } from './placeholders.ts'
