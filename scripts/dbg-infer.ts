import { createSchemaInferrer } from '../workers/core/aam/ingest/infer-schema.ts'

const inf = createSchemaInferrer({ format: 'json' })
inf.add({
  _id: 'abc',
  customer: { name: 'x', address: { city: 'Berlin' } },
  items: [{ sku: 'a' }],
  updatedAt: '2026-01-01T00:00:00.000Z',
  total: 1.5,
  note: null,
})
inf.add({
  _id: 'abd',
  customer: { name: 'y', address: { city: 'Rome' } },
  items: [],
  updatedAt: '2026-01-02T00:00:00.000Z',
  total: 2,
})
console.log(JSON.stringify(inf.snapshot().map((f) => [f.path, f.type, f.nullable])))
