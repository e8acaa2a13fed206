import { fileRowConverter } from '../workers/core/aam/file-record.ts'
import { createCsvParser } from '../workers/core/aam/ingest/csv.ts'

const N = 100_000
const lines = ['id,email,first_name,last_name,amount,created_at,active,country']
for (let i = 0; i < N; i++)
  lines.push(
    `${i},user${i}@example.com,First${i % 977},Last${i % 1009},${(i % 100000) / 100},2025-03-01T10:00:00Z,${i % 3 === 0},GB`,
  )
const p = createCsvParser({ delimiter: ',' })
const rows = [...p.push(lines.join('\n') + '\n'), ...p.end()]
const conv = fileRowConverter({
  tenantId: '7f0c2a9e-3b1d-4c5e-8f6a-9b0c1d2e3f4a',
  connectionId: 'c',
  streamName: 's',
  primaryKey: 'id',
})
const t = performance.now()
let ok = 0
for (const r of rows) if (r.ok && conv(`f:${r.line}`, r.record, '2026-01-01T00:00:00Z').ok) ok++
console.log('canonical (compiled)', Math.round(performance.now() - t), 'ms', ok)
