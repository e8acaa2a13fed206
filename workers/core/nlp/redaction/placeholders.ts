import { z } from 'zod'
import { PII_TYPES, type PiiType } from './pii-types.ts'

/**
 * One request's placeholders: which value each `<TYPE_n>` stands for. The same value (compared after
 * trimming, case-folding and, for numbers, dropping separators) gets the same placeholder everywhere in
 * the request, so "<PERSON_1> wrote to <PERSON_2>, and <PERSON_1> …" keeps who did what. It holds the raw
 * values: keep it with the request, never in a log or a prompt.
 */
export const RedactionMapSchema = z.object({
  /** placeholder → original text */
  values: z.record(z.string(), z.string()),
  /** the next number per type */
  counters: z.partialRecord(z.enum(PII_TYPES), z.number().int().nonnegative()),
})
export type RedactionMap = z.infer<typeof RedactionMapSchema>

export const emptyRedactionMap = (): RedactionMap => ({ values: {}, counters: {} })

const PLACEHOLDER = /<(EMAIL|PHONE|CREDIT_CARD|IBAN|US_SSN|IP_ADDRESS|SECRET|PERSON)_(\d+)>/g

/** Text fit to be written back verbatim: whitespace collapsed, case and number separators ignored. */
function identity(type: PiiType, value: string): string {
  const v = value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
  switch (type) {
    case 'PHONE':
    case 'CREDIT_CARD':
    case 'US_SSN':
      return v.replace(/[^\d+x]/g, '')
    case 'IBAN':
      return v.replace(/\s/g, '')
    default:
      return v
  }
}

/**
 * Hands out placeholders against `map`, reusing the one it already gave the same value and recording new
 * ones in it (the map is mutated). The index of values is built once per call, not per span.
 */
export function placeholderAssigner(map: RedactionMap): (type: PiiType, value: string) => string {
  const index = new Map<string, string>()
  for (const [placeholder, original] of Object.entries(map.values)) {
    const type = /^<([A-Z_]+)_\d+>$/.exec(placeholder)?.[1] as PiiType | undefined
    if (type) index.set(`${type}\u0000${identity(type, original)}`, placeholder)
  }
  return (type, value) => {
    const key = `${type}\u0000${identity(type, value)}`
    const existing = index.get(key)
    if (existing) return existing
    const n = (map.counters[type] ?? 0) + 1
    map.counters[type] = n
    const placeholder = `<${type}_${n}>`
    map.values[placeholder] = value
    index.set(key, placeholder)
    return placeholder
  }
}

/** Puts the original values back for every placeholder the map knows; unknown ones stay as they are. */
export function reidentify(text: string, map: RedactionMap): string {
  return text.replace(PLACEHOLDER, (placeholder) => map.values[placeholder] ?? placeholder)
}

/** The longest placeholder the redactor hands out is `<CREDIT_CARD_` plus digits: a longer `<…` is not one. */
const MAX_PLACEHOLDER = 24
const PLACEHOLDER_PREFIX = /^<[A-Z_]*\d*$/

/**
 * Re-identifies a streamed text piece by piece: a placeholder may arrive split across pieces (`<EMA`, `IL_1>`),
 * so a trailing `<…` that could still become one is held back until it closes or cannot be one. `push` returns
 * what may be shown now; `flush` what is held back at the end. The joined outputs equal `reidentify` of the
 * joined inputs.
 */
export function streamingReidentifier(map: RedactionMap) {
  let held = ''
  return {
    push(piece: string): string {
      const text = held + piece
      const open = text.lastIndexOf('<')
      const tail = open < 0 ? '' : text.slice(open)
      held = tail.length < MAX_PLACEHOLDER && PLACEHOLDER_PREFIX.test(tail) ? tail : ''
      return reidentify(text.slice(0, text.length - held.length), map)
    },
    flush(): string {
      const rest = held
      held = ''
      return rest
    },
  }
}
