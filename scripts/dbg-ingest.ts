import { fileRowToCanonical } from '../workers/core/aam/file-record.ts'
import { createCsvParser } from '../workers/core/aam/ingest/csv.ts'
import { createSchemaInferrer } from '../workers/core/aam/ingest/infer-schema.ts'

const N = 100_000
const lines = ['id,email,first_name,last_name,amount,created_at,active,country']
for (let i = 0; i < N; i++)
  lines.push(
    `${i},user${i}@example.com,First${i % 977},Last${i % 1009},${(i % 100000) / 100},2025-03-01T10:00:00Z,${i % 3 === 0},GB`,
  )
const text = lines.join('\n') + '\n'
let t = performance.now()
const p = createCsvParser({ delimiter: ',' })
const rows = [...p.push(text), ...p.end()]
console.log('parse', Math.round(performance.now() - t), 'ms', rows.length)
t = performance.now()
const inf = createSchemaInferrer({ format: 'text' })
for (const r of rows) if (r.ok) inf.add(r.record)
inf.snapshot()
inf.profile()
console.log('infer', Math.round(performance.now() - t), 'ms')
t = performance.now()
const out = []
for (const r of rows)
  if (r.ok)
    out.push(
      fileRowToCanonical({
        tenantId: '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a',
        connectionId: 'c',
        streamName: 's',
        primaryKey: 'id',
        eventId: `f:${r.line}`,
        record: r.record,
        time: '2026-01-01T00:00:00Z',
      }),
    )
console.log('canonical', Math.round(performance.now() - t), 'ms')
t = performance.now()
const json = JSON.stringify(out.map((c) => ({ event_id: 'x', data: c.ok ? c.event.data : null })))
console.log('json', Math.round(performance.now() - t), 'ms', json.length)

import { validateMapping } from '../workers/core/aam/canonical/mapping.ts'
import { RecordV1Schema } from '../workers/core/aam/canonical/record.v1.ts'

const mapping: Record<string, string> = { external_id: 'id' }
for (const k of ['id', 'email', 'first_name', 'last_name', 'amount', 'created_at', 'active', 'country'])
  mapping[`attributes.${k}`] = k
t = performance.now()
for (let i = 0; i < N; i++) validateMapping('record', mapping)
console.log('validateMapping', Math.round(performance.now() - t), 'ms')
t = performance.now()
for (const r of rows) if (r.ok) RecordV1Schema.safeParse({ external_id: String(r.line), attributes: r.record })
console.log('zod record', Math.round(performance.now() - t), 'ms')
