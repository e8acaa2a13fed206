// `aos redact`: {"id","text"} lines in, {"id","spans":[{start,end,type}]} lines out. A bad line is named
// on stderr (line number and id, when it has one) and skipped; the run goes on.
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { z } from 'zod'
import { detectPii } from '../../workers/core/nlp/redaction/detect.ts'
import type { PiiType } from '../../workers/core/nlp/redaction/pii-types.ts'

const Line = z.object({
  id: z.union([z.string(), z.number()], { error: 'needs an "id" (string or number)' }),
  text: z.string({ error: 'needs a "text" string' }),
})

/** What the eval scores; SECRET is added with --include-secrets. */
const SCORED_TYPES: readonly PiiType[] = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'PERSON']

export type RedactRunOptions = {
  includeSecrets?: boolean
  knownNames?: readonly string[]
  /** Progress line every this many input lines (0: never). */
  progressEvery?: number
}

export type RedactRunSummary = { lines: number; written: number; skipped: number; spans: Record<string, number> }

export async function redactJsonl(
  input: Readable,
  output: Writable,
  errors: Writable,
  options: RedactRunOptions = {},
): Promise<RedactRunSummary> {
  const types = options.includeSecrets ? [...SCORED_TYPES, 'SECRET' as const] : SCORED_TYPES
  const every = options.progressEvery ?? 10_000
  const summary: RedactRunSummary = { lines: 0, written: 0, skipped: 0, spans: {} }
  const started = Date.now()
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const raw of reader) {
    summary.lines++
    const n = summary.lines
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (line.trim() === '') continue
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (e) {
      summary.skipped++
      errors.write(`aos redact: line ${n}: not valid JSON (${(e as Error).message}); skipped\n`)
      continue
    }
    const parsed = Line.safeParse(data)
    if (!parsed.success) {
      summary.skipped++
      const id = data !== null && typeof data === 'object' ? (data as { id?: unknown }).id : undefined
      const which = typeof id === 'string' || typeof id === 'number' ? ` (id ${JSON.stringify(id)})` : ''
      const why = parsed.error.issues.map((i) => i.message).join('; ')
      errors.write(`aos redact: line ${n}${which}: ${why}; skipped\n`)
      continue
    }
    const { id, text } = parsed.data
    const spans = detectPii(text, { types, ...(options.knownNames ? { knownNames: options.knownNames } : {}) }).map(
      (s) => ({ start: s.start, end: s.end, type: s.type }),
    )
    for (const s of spans) summary.spans[s.type] = (summary.spans[s.type] ?? 0) + 1
    if (!output.write(`${JSON.stringify({ id, spans })}\n`)) await new Promise((r) => output.once('drain', r))
    summary.written++
    if (every > 0 && n % every === 0) {
      errors.write(`aos redact: ${n} lines, ${Math.round(n / ((Date.now() - started) / 1000 || 1))} lines/s…\n`)
    }
  }
  const seconds = (Date.now() - started) / 1000
  const byType = Object.entries(summary.spans)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ')
  errors.write(
    `aos redact: ${summary.written} of ${summary.lines} lines redacted` +
      `${summary.skipped ? `, ${summary.skipped} skipped` : ''}; ` +
      `${Object.values(summary.spans).reduce((a, b) => a + b, 0)} spans${byType ? ` (${byType})` : ''}; ${seconds.toFixed(1)} s\n`,
  )
  return summary
}
