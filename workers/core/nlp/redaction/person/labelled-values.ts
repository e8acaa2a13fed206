import type { Candidate, PersonContext } from './context.ts'
import type { Token } from './tokens.ts'

// Values of a person-name field, as prompts built from source records write them: a line
// `Last Name (string): Silva, Mensah, Wong` or `- lastname: Wong`, or a JSON pair `"last_name": "Mensah"`.
// The field says what its values are, so each value that looks like a name is one, listed or not (a lone
// "Mensah" or "Rose" is otherwise weak evidence). A bare `name` field is not taken: it names companies
// and products as often as people.

/** Field names (lower case, separators and a Salesforce `__c` removed) whose values are people's names. */
const NAME_FIELDS = new Set([
  'firstname',
  'lastname',
  'fullname',
  'givenname',
  'familyname',
  'middlename',
  'maidenname',
  'preferredname',
  'legalname',
  'forename',
  'surname',
  'contactname',
  'personname',
  'employeename',
  'patientname',
  'ownername',
])

/** `Last Name`, `last_name`, `LastName__c`, `contact.lastName` → `lastname`. */
function fieldKey(label: string): string {
  const leaf = label.split(/[./]/).pop() ?? label
  return leaf
    .replace(/__c$/i, '')
    .replace(/[\s_'-]+/g, '')
    .toLowerCase()
}

// A labelled line: an optional bullet, the field, an optional `(type)`, `:` or `=`, then its values.
const LINE =
  /^[ \t]*(?:[-*•][ \t]+)?(\p{L}[\p{L}\p{N}_ ./'-]{0,48}?)[ \t]*(?:\([^)\n]{0,40}\))?[ \t]*[:=][ \t]*(.*)$/gmu
// A JSON (or single-quoted) pair with a string value.
const PAIR = /(["'])(\p{L}[\p{L}\p{N}_ ./-]{0,48})\1[ \t]*:[ \t]*(["'])([^"'\n]{1,80})\3/gu
/** One to four words of letters: `Rose`, `Olusegun Adeyemi`, `Mary-Jane O'Neil`, `J. R. Smith`. */
const NAME_VALUE = /^\p{L}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’.-]*){0,3}$/u
const NOT_A_NAME = new Set(['null', 'none', 'nil', 'n/a', 'na', 'unknown', 'undefined', 'true', 'false', 'empty'])

/** Character ranges of the name values in `text`. */
function nameValueRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  const take = (value: string, at: number) => {
    const trimmed = value.trim().replace(/^["'](.*)["']$/, '$1')
    if (trimmed.length > 60 || !NAME_VALUE.test(trimmed) || NOT_A_NAME.has(trimmed.toLowerCase())) return
    const start = at + value.indexOf(trimmed)
    ranges.push([start, start + trimmed.length])
  }
  for (const m of text.matchAll(LINE)) {
    if (!NAME_FIELDS.has(fieldKey(m[1] as string))) continue
    const values = m[2] as string
    let at = (m.index as number) + m[0].length - values.length
    for (const part of values.split(/([,;|])/)) {
      if (!/^[,;|]$/.test(part)) take(part, at)
      at += part.length
    }
  }
  for (const m of text.matchAll(PAIR)) {
    if (!NAME_FIELDS.has(fieldKey(m[2] as string))) continue
    const value = m[4] as string
    take(value, (m.index as number) + m[0].length - 1 - value.length)
  }
  return ranges
}

/** Each name value under a person-name field, as a sure candidate (the field is the evidence). */
export function labelledValueRuns(ctx: PersonContext): Candidate[] {
  if (!/[:=]/.test(ctx.text)) return []
  const out: Candidate[] = []
  const { tokens } = ctx
  let i = 0
  for (const [start, end] of nameValueRanges(ctx.text).sort((a, b) => a[0] - b[0])) {
    while (i < tokens.length && (tokens[i] as Token).start < start) i++
    let last = i
    while (last < tokens.length && (tokens[last] as Token).end <= end) last++
    if (last > i) out.push({ first: i, last: last - 1, score: 10, rejected: false, cue: true })
  }
  return out
}
