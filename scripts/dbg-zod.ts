import { z } from 'zod'

const rec = {
  id: '1',
  email: 'a@b.c',
  first_name: 'x',
  last_name: 'y',
  amount: '1.5',
  created_at: '2025-03-01T10:00:00Z',
  active: 'true',
  country: 'GB',
}
const a = z.record(z.string().min(1), z.json())
const isJson = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (Array.isArray(v) ? v.every(isJson) : typeof v === 'object' && Object.values(v as object).every(isJson))
const b = z.record(z.string().min(1), z.custom<z.core.util.JSONType>(isJson, 'must be a JSON value'))
for (const [name, s] of [
  ['json', a],
  ['custom', b],
] as const) {
  const t = performance.now()
  for (let i = 0; i < 100000; i++) s.safeParse(rec)
  console.log(name, Math.round(performance.now() - t))
}
