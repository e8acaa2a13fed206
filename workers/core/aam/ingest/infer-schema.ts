// Incremental schema inference: feed records one at a time, read a snapshot in the drift
// classifier's format (`{path, type, nullable, samples}`) and a per-field profile for the UI.
// Nested objects are flattened to dotted paths (the object itself is a field of type object);
// arrays are one field of type array. Memory is bounded per field (samples, distinct hashes) and
// in the number of fields, so a whole sync can stream through one inferrer.
import type { FieldType, Snapshot, SnapshotField } from '../schema-snapshot.ts'
import { classifyValue, ejsonScalar, instantOf } from './classify-value.ts'
import { type FieldProfile, type InferOptions, InferOptionsSchema } from './parsed-rows.ts'
import { widenType } from './widen.ts'

export interface SchemaInferrer {
  add(record: Readonly<Record<string, unknown>>): void
  /** Fields in order of first appearance; a parent object precedes its children. */
  snapshot(): Snapshot
  profile(): FieldProfile[]
  readonly records: number
  /** True when fields beyond `maxFields` were ignored. */
  readonly truncated: boolean
}

interface FieldState {
  path: string
  type: FieldType | undefined // undefined while only nulls were seen
  present: number
  nulls: number
  samples: unknown[]
  sampleKeys: Set<string>
  hashes: Set<number>
  distinctCapped: boolean
  numMin: number
  numMax: number
  timeMin: number
  timeMax: number
  timeMinText: string
  timeMaxText: string
}

/** 32-bit FNV-1a: distinct counting keeps a number per value, not the value itself. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function newField(path: string): FieldState {
  return {
    path,
    type: undefined,
    present: 0,
    nulls: 0,
    samples: [],
    sampleKeys: new Set(),
    hashes: new Set(),
    distinctCapped: false,
    numMin: Number.POSITIVE_INFINITY,
    numMax: Number.NEGATIVE_INFINITY,
    timeMin: Number.POSITIVE_INFINITY,
    timeMax: Number.NEGATIVE_INFINITY,
    timeMinText: '',
    timeMaxText: '',
  }
}

export function createSchemaInferrer(options: InferOptions = {}): SchemaInferrer {
  const opts = InferOptionsSchema.parse(options)
  const fields = new Map<string, FieldState>()
  let records = 0
  let truncated = false

  function fieldAt(path: string): FieldState | undefined {
    let f = fields.get(path)
    if (f === undefined) {
      if (fields.size >= opts.maxFields) {
        truncated = true
        return undefined
      }
      f = newField(path)
      fields.set(path, f)
    }
    return f
  }

  function observeScalar(f: FieldState, type: FieldType, value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return
    const text = String(value)
    const key = `${typeof value}:${text}`
    const hash = fnv1a(key)
    if (!f.hashes.has(hash)) {
      if (f.hashes.size < opts.maxDistinct) f.hashes.add(hash)
      else f.distinctCapped = true
    }
    if (f.samples.length < opts.maxSamples && !f.sampleKeys.has(key)) {
      f.sampleKeys.add(key)
      const long = typeof value === 'string' && value.length > opts.maxSampleChars
      f.samples.push(long ? `${value.slice(0, opts.maxSampleChars)}…` : value)
    }
    if (type === 'integer' || type === 'number') {
      const n = Number(value)
      if (n < f.numMin) f.numMin = n
      if (n > f.numMax) f.numMax = n
    } else if (type === 'date' || type === 'timestamp') {
      // Extended JSON may carry an instant as epoch milliseconds rather than ISO text.
      const t = typeof value === 'string' && !/^\d+$/.test(value) ? instantOf(value) : Number(value)
      if (t < f.timeMin) {
        f.timeMin = t
        f.timeMinText = text
      }
      if (t > f.timeMax) {
        f.timeMax = t
        f.timeMaxText = text
      }
    }
  }

  function observe(path: string, value: unknown, depth: number): void {
    if (value === undefined) return // same as an absent key
    const f = fieldAt(path)
    if (f === undefined) return
    const type = classifyValue(value, opts.format)
    if (type === null) {
      f.nulls++
      return
    }
    f.present++
    f.type = f.type === undefined ? type : widenType(f.type, type)
    if (type === 'array') return
    if (type === 'object') {
      if (depth + 1 < opts.maxDepth) visit(value as Record<string, unknown>, `${path}.`, depth + 1)
      return
    }
    const ejson = value !== null && typeof value === 'object' ? ejsonScalar(value) : undefined
    observeScalar(f, type, ejson ? ejson.value : value)
  }

  function visit(record: Readonly<Record<string, unknown>>, prefix: string, depth: number): void {
    for (const key of Object.keys(record)) observe(prefix + key, record[key], depth)
  }

  function nullable(f: FieldState): boolean {
    return f.nulls > 0 || f.present + f.nulls < records
  }

  return {
    add(record) {
      records++
      visit(record, '', 0)
    },
    snapshot() {
      return [...fields.values()].map((f): SnapshotField => {
        const field: SnapshotField = { path: f.path, type: f.type ?? 'string', nullable: nullable(f) }
        if (f.samples.length > 0) field.samples = [...f.samples]
        return field
      })
    },
    profile() {
      return [...fields.values()].map((f): FieldProfile => {
        const type = f.type ?? 'string'
        const profile: FieldProfile = {
          path: f.path,
          type,
          nullable: nullable(f),
          present: f.present,
          nulls: f.nulls,
          missing: Math.max(0, records - f.present - f.nulls),
          distinct: f.hashes.size,
          distinctCapped: f.distinctCapped,
        }
        if ((type === 'integer' || type === 'number') && f.numMin <= f.numMax) {
          profile.min = f.numMin
          profile.max = f.numMax
        } else if ((type === 'date' || type === 'timestamp') && f.timeMin <= f.timeMax) {
          profile.min = f.timeMinText
          profile.max = f.timeMaxText
        }
        return profile
      })
    },
    get records() {
      return records
    },
    get truncated() {
      return truncated
    },
  }
}

/** Infers the schema of a batch of records at once. */
export function inferSchema(
  records: Iterable<Readonly<Record<string, unknown>>>,
  options: InferOptions = {},
): Snapshot {
  const inferrer = createSchemaInferrer(options)
  for (const record of records) inferrer.add(record)
  return inferrer.snapshot()
}
