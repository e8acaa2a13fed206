// The offline provider's "answer": no model thinks here. A value that satisfies the JSON schema, built by
// fixed rules from the schema and the prompt's text, the same every time:
// - a string enum: the option most similar (character n-grams) to some line of the prompt or a phrase of one
//   (split at `:` `,` `;` `|`) — lines that list several of the options are the question, not evidence, and
//   are skipped; when the enum may be null and no option reaches MATCH_THRESHOLD, null ("nothing matches");
// - a free string: the prompt line most similar to the property's name (a format gets a fixed example);
// - a number: the middle of its bounds, else its lower bound, else 0; a boolean: false;
// - an array: as few items as allowed; an object: every property; a const or default: itself.
// Callers see `provider: 'offline'` on every result and must not read it as judgement.

import { cosineSimilarity, ngramEmbedding } from './ngram-embedding.ts'
import type { ChatMessage } from './port.ts'
import type { JsonSchema } from './response-schema.ts'

/** Below this similarity an optional enum answers null rather than a guess. */
export const MATCH_THRESHOLD = 0.3
const MAX_DEPTH = 12

const FORMAT_EXAMPLES: Record<string, string> = {
  email: 'someone@example.com',
  'date-time': '1970-01-01T00:00:00Z',
  date: '1970-01-01',
  time: '00:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

interface Phrase {
  text: string
  vector: number[]
}

/** A line of the prompt, and its phrases (split at `:`, `,`, `;`, `|`), which are sharper evidence. */
interface Line extends Phrase {
  phrases: Phrase[]
}

interface Context {
  root: JsonSchema
  lines: Line[]
}

const phrase = (text: string): Phrase => ({ text, vector: ngramEmbedding(text) })

/** The prompt's lines (split on line breaks and sentence ends), each once, with their embeddings. */
function promptLines(messages: readonly ChatMessage[]): Line[] {
  const seen = new Set<string>()
  const lines: Line[] = []
  for (const message of messages)
    for (const raw of message.content.split(/\n+|(?<=[.!?;])\s+/)) {
      const text = raw.trim()
      if (text === '' || seen.has(text)) continue
      seen.add(text)
      const parts = text
        .split(/[:,;|]/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
      lines.push({ ...phrase(text), phrases: parts.length > 1 ? parts.map(phrase) : [] })
    }
  return lines
}

function resolve(ref: string, ctx: Context): JsonSchema {
  if (ref === '#') return ctx.root
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref)
  if (!match) return {}
  const defs = ctx.root[match[1] as string]
  const key = decodeURIComponent((match[2] as string).replaceAll('~1', '/').replaceAll('~0', '~'))
  const target = isSchema(defs) ? defs[key] : undefined
  return isSchema(target) ? target : {}
}

const typesOf = (node: JsonSchema): string[] =>
  Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : []

const allowsNull = (node: JsonSchema) =>
  typesOf(node).includes('null') ||
  (Array.isArray(node.anyOf) && node.anyOf.some((branch) => isSchema(branch) && typesOf(branch).includes('null')))

/** The best enum option for the prompt, with its score. */
function pickOption(options: readonly string[], ctx: Context): { value: string; score: number } {
  const evidence = ctx.lines
    .filter((line) => options.filter((o) => o !== '' && line.text.includes(o)).length < 2)
    .flatMap((line) => [line, ...line.phrases])
  let best = { value: options[0] as string, score: -1 }
  for (const option of options) {
    const vector = ngramEmbedding(option)
    for (const item of evidence) {
      const score = cosineSimilarity(vector, item.vector)
      if (score > best.score) best = { value: option, score }
    }
  }
  return best
}

function compilePattern(pattern: unknown): RegExp | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    return new RegExp(pattern, 'u')
  } catch {
    return undefined
  }
}

function freeString(node: JsonSchema, name: string, ctx: Context): string {
  const format = typeof node.format === 'string' ? FORMAT_EXAMPLES[node.format] : undefined
  if (format) return format
  const wanted = ngramEmbedding(name)
  const ranked = [...ctx.lines].sort((a, b) => cosineSimilarity(wanted, b.vector) - cosineSimilarity(wanted, a.vector))
  const pattern = compilePattern(node.pattern)
  const candidates = [...ranked.map((line) => line.text), name]
  let text = (pattern ? candidates.find((c) => pattern.test(c)) : undefined) ?? candidates[0] ?? name
  const min = typeof node.minLength === 'number' ? node.minLength : 0
  const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY
  if (text.length > max) text = text.slice(0, max)
  return text.padEnd(min, '.')
}

function numberFor(node: JsonSchema, integer: boolean): number {
  const num = (key: string) => (typeof node[key] === 'number' ? (node[key] as number) : undefined)
  const step = integer ? 1 : 1e-6
  const low = num('exclusiveMinimum') !== undefined ? (num('exclusiveMinimum') as number) + step : num('minimum')
  const high = num('exclusiveMaximum') !== undefined ? (num('exclusiveMaximum') as number) - step : num('maximum')
  let value =
    low !== undefined && high !== undefined ? (low + high) / 2 : (low ?? (high !== undefined ? Math.min(0, high) : 0))
  if (integer) value = low !== undefined && high !== undefined ? Math.floor(value) : Math.ceil(value)
  const multiple = num('multipleOf')
  if (multiple) value = Math.ceil(value / multiple) * multiple
  return value
}

function answer(node: JsonSchema, name: string, ctx: Context, depth: number): unknown {
  if (depth > MAX_DEPTH) return null
  if (typeof node.$ref === 'string') return answer(resolve(node.$ref, ctx), name, ctx, depth + 1)
  if ('const' in node) return node.const
  if ('default' in node) return node.default
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const strings = node.enum.filter((v): v is string => typeof v === 'string')
    if (strings.length === 0) return node.enum[0]
    const best = pickOption(strings, ctx)
    return best.score < MATCH_THRESHOLD && allowsNull(node) ? null : best.value
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key]
    if (!Array.isArray(branches)) continue
    const real = branches.filter((b): b is JsonSchema => isSchema(b) && !typesOf(b).includes('null'))
    const nullable = real.length < branches.length
    const first = real[0]
    if (!first) return null
    // A nullable enum may say "none of these": ask the enum with null allowed.
    const resolved = typeof first.$ref === 'string' ? resolve(first.$ref, ctx) : first
    if (nullable && Array.isArray(resolved.enum))
      return answer({ ...resolved, type: ['string', 'null'] }, name, ctx, depth + 1)
    if (nullable && typesOf(resolved).includes('string') && !resolved.format && ctx.lines.length === 0) return null
    return answer(first, name, ctx, depth + 1)
  }
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.filter(isSchema).map((part) => answer(part, name, ctx, depth + 1))
    return parts.every(isSchema) ? Object.assign({}, ...parts) : parts[0]
  }
  const type = typesOf(node).find((t) => t !== 'null') ?? (isSchema(node.properties) ? 'object' : undefined)
  switch (type) {
    case 'string':
      return freeString(node, name, ctx)
    case 'number':
      return numberFor(node, false)
    case 'integer':
      return numberFor(node, true)
    case 'boolean':
      return false
    case 'array': {
      const count = typeof node.minItems === 'number' ? node.minItems : 0
      const prefix = Array.isArray(node.prefixItems) ? node.prefixItems.filter(isSchema) : []
      const items = isSchema(node.items) ? node.items : {}
      return Array.from({ length: Math.max(count, prefix.length) }, (_, i) =>
        answer(prefix[i] ?? items, name, ctx, depth + 1),
      )
    }
    case 'object': {
      const properties = isSchema(node.properties) ? node.properties : {}
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [
          key,
          answer(isSchema(child) ? child : {}, key, ctx, depth + 1),
        ]),
      )
    }
    default:
      return null
  }
}

/** A value for `schema` derived from the prompt by the rules above; the same input gives the same value. */
export function offlineAnswer(schema: JsonSchema, messages: readonly ChatMessage[]): unknown {
  return answer(schema, 'answer', { root: schema, lines: promptLines(messages) }, 0)
}
