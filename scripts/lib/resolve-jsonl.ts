// `aos resolve`: {"id","source","fields"} lines in, {"clusters": [[id, ...], ...]} out. A bad line is named
// on stderr (line number and id, when it has one) and skipped; the run goes on.
import type { Writable } from 'node:stream'
import { z } from 'zod'
import { resolveEntities } from '../../workers/core/dcl/resolution/resolve.ts'
import { PERSON_FIELD_ROLES, type ResolutionRecord } from '../../workers/core/dcl/resolution/roles.ts'

const Line = z.object({
  id: z.union([z.string().min(1), z.number()], { error: 'needs an "id" (string or number)' }),
  source: z.union([z.string(), z.number()], { error: '"source" must be a string' }).optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()]), {
    error: 'needs "fields", an object of strings, numbers or nulls',
  }),
})

/** A zod issue in words; a bad value inside "fields" names its field. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [top, field] = issue.path
  if (top === 'fields' && typeof field === 'string') return `field "${field}" must be a string, a number or null`
  return issue.message
}

export type ResolveRunSummary = { lines: number; records: number; skipped: number; clusters: number; merged: number }

/** Resolves the records of one JSONL text and writes the clusters as one JSON object. */
export function resolveJsonl(text: string, output: Writable, errors: Writable): ResolveRunSummary {
  const started = Date.now()
  const records: ResolutionRecord[] = []
  const originalIds = new Map<string, string | number>()
  const lines = text.split(/\r?\n/)
  let skipped = 0
  let counted = 0
  for (const [index, raw] of lines.entries()) {
    const n = index + 1
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (line.trim() === '') continue
    counted = n
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (e) {
      skipped++
      errors.write(`aos resolve: line ${n}: not valid JSON (${(e as Error).message}); skipped\n`)
      continue
    }
    const parsed = Line.safeParse(data)
    const rawId = data !== null && typeof data === 'object' ? (data as { id?: unknown }).id : undefined
    const which = typeof rawId === 'string' || typeof rawId === 'number' ? ` (id ${JSON.stringify(rawId)})` : ''
    if (!parsed.success) {
      skipped++
      const why = [...new Set(parsed.error.issues.map(describeIssue))].join('; ')
      errors.write(`aos resolve: line ${n}${which}: ${why}; skipped\n`)
      continue
    }
    const id = String(parsed.data.id)
    if (originalIds.has(id)) {
      skipped++
      errors.write(`aos resolve: line ${n}${which}: id already used by an earlier line; skipped\n`)
      continue
    }
    originalIds.set(id, parsed.data.id)
    const fields: Record<string, string | null> = {}
    for (const [k, v] of Object.entries(parsed.data.fields)) fields[k] = v === null ? null : String(v)
    records.push({ id, source: String(parsed.data.source ?? ''), fields })
  }

  const seconds = () => ((Date.now() - started) / 1000).toFixed(1)
  const { clusters, stats } = resolveEntities(records, {
    roles: PERSON_FIELD_ROLES,
    onProgress: (stage, detail) => errors.write(`aos resolve: ${stage}: ${detail} (${seconds()} s)\n`),
  })
  output.write(`${JSON.stringify({ clusters: clusters.map((c) => c.map((id) => originalIds.get(id) ?? id)) })}\n`)

  const merged = clusters.filter((c) => c.length > 1)
  const sources = Object.entries(stats.layouts).map(([source, layout]) => {
    const notes = [
      layout.dateOrder && `dates ${layout.dateOrder}`,
      layout.fullNameIn && `whole names in ${layout.fullNameIn}`,
    ]
    return `${source || '(no source)'}${notes.some(Boolean) ? ` (${notes.filter(Boolean).join(', ')})` : ''}`
  })
  errors.write(
    `aos resolve: ${records.length} of ${counted} lines read${skipped ? `, ${skipped} skipped` : ''}` +
      `${sources.length ? ` from ${sources.join(', ')}` : ''}; ` +
      `${stats.candidatePairs} candidate pairs of ${(records.length * (records.length - 1)) / 2}, ` +
      `${stats.matchedPairs} above threshold; ${merged.length} clusters of 2+ records ` +
      `(${merged.reduce((s, c) => s + c.length, 0)} records), ${clusters.length - merged.length} singletons; ` +
      `${seconds()} s\n`,
  )
  return { lines: counted, records: records.length, skipped, clusters: clusters.length, merged: merged.length }
}
