// Runs the classifier over every scenario in test/fixtures/drift (modelled on real API and schema
// histories: Stripe, GitHub, GitLab, Salesforce, Shopify, PostgreSQL catalog views, Mongo, CSV)
// and requires an exact match with gold.json (confidence and order aside).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyDrift } from '../../../workers/core/aam/drift/classify.ts'
import { type DriftChange, DriftResultSchema, SnapshotSchema } from '../../../workers/core/aam/schema-snapshot.ts'

const root = join(import.meta.dirname, '../../fixtures/drift')
const scenarios = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(root, dir, file), 'utf8'))

const key = (c: DriftChange) => [c.kind, c.path, 'from' in c ? c.from : '', 'to' in c ? c.to : '', c.severity].join('|')

describe('drift fixtures', () => {
  it('has at least 8 scenarios, including a 0-change control', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8)
    expect(scenarios.some((s) => DriftResultSchema.parse(read(s, 'gold.json')).changes.length === 0)).toBe(true)
  })

  it.each(scenarios)('%s matches gold exactly', (name) => {
    const oldFields = SnapshotSchema.parse(read(name, 'old.json'))
    const newFields = SnapshotSchema.parse(read(name, 'new.json'))
    const gold = (read(name, 'gold.json') as { changes: DriftChange[] }).changes
    const got = classifyDrift(oldFields, newFields).changes
    expect(got.map(key).sort()).toEqual(gold.map(key).sort())
  })
})
