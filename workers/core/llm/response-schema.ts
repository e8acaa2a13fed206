// Structured output: a zod schema as the JSON schema a model is asked to follow (zod's own
// `z.toJSONSchema`), and the model's answer parsed and checked by the same zod schema.
import { z } from 'zod'
import { LlmError } from './port.ts'

export type JsonSchema = { [key: string]: unknown }

/** What goes into `response_format: { type: 'json_schema', json_schema }`. */
export interface ResponseJsonSchema {
  name: string
  schema: JsonSchema
  /**
   * OpenAI's strict mode (the model cannot answer outside the schema) needs every property required and no
   * other properties allowed. Schemas with optional fields or records still go, without `strict`, and the
   * answer is validated here either way.
   */
  strict: boolean
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Calls `visit` on every subschema, depth first, following only keywords that hold schemas. */
export function walkSchema(node: JsonSchema, visit: (node: JsonSchema) => void) {
  visit(node)
  for (const key of ['properties', '$defs', 'definitions'])
    if (isSchema(node[key])) for (const child of Object.values(node[key])) if (isSchema(child)) walkSchema(child, visit)
  for (const key of ['items', 'additionalProperties', 'not'])
    if (isSchema(node[key])) walkSchema(node[key] as JsonSchema, visit)
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = node[key]
    if (Array.isArray(list)) for (const child of list) if (isSchema(child)) walkSchema(child, visit)
  }
}

/**
 * The answer's JSON schema, as the model must write it (zod's input side: what `schema.parse` accepts).
 * Objects are closed (`additionalProperties: false`): zod would drop extra keys anyway, so the model is not
 * invited to write them. Throws LlmError `schema_unsupported` for a schema with no JSON form (transforms,
 * custom refinements' types), which is a programming error, not a model's.
 */
export function responseJsonSchema(name: string, schema: z.ZodType): ResponseJsonSchema {
  if (!NAME.test(name))
    throw new LlmError('schema_unsupported', `schema name "${name}" must be 1 to 64 letters, digits, "_" or "-"`)
  let generated: JsonSchema
  try {
    generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema
  } catch (error) {
    throw new LlmError(
      'schema_unsupported',
      `schema "${name}" has no JSON-schema form: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const { $schema: _, ...json } = generated
  // Structured outputs want an object at the root; anything else goes without `strict`.
  let strict = json.type === 'object'
  walkSchema(json, (node) => {
    if (!isSchema(node.properties)) return
    node.additionalProperties ??= false
    const required = Array.isArray(node.required) ? node.required : []
    if (node.additionalProperties !== false || Object.keys(node.properties).some((key) => !required.includes(key)))
      strict = false
  })
  walkSchema(json, (node) => {
    // A record (`additionalProperties: {schema}`) or an open object cannot be strict either.
    if (node.type === 'object' && !isSchema(node.properties)) strict = false
  })
  return { name, schema: json, strict }
}

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; reason: string; issues?: string[] }

/** The model's text as the schema's value, or why it is not one (expected failures are returned, not thrown). */
export function parseAnswer<S extends z.ZodType>(
  content: string | null | undefined,
  schema: S,
): ParsedAnswer<z.output<S>> {
  if (content === null || content === undefined || content.trim() === '')
    return { ok: false, reason: 'the answer was empty' }
  let json: unknown
  try {
    json = JSON.parse(content)
  } catch {
    return { ok: false, reason: 'the answer is not JSON' }
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
  return {
    ok: false,
    reason: `the answer does not match the schema (${issues.length} issue${issues.length === 1 ? '' : 's'})`,
    issues,
  }
}
