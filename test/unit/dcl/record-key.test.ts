import { describe, expect, it } from 'vitest'
import { claimRecordKey } from '../../../workers/core/dcl/mapping/record-key.ts'

const split = () => ({
  settled: [
    { source: 'legacy_ref', target: 'external_id', confidence: 0.7, evidence: [], provenance: 'heuristic' as const },
    { source: 'company_name', target: 'name', confidence: 1, evidence: [], provenance: 'heuristic' as const },
  ],
  questions: [{ source: 'account_id', candidates: [{ target: 'owner_external_id', confidence: 0.5, evidence: [] }] }],
  unmatched: [],
})

describe("a connection's declared record key", () => {
  it('is the external_id, displacing a weaker guess, which is left unmatched with the reason', () => {
    const out = claimRecordKey(split(), 'account_id', ['account_id', 'legacy_ref', 'company_name'])
    expect(out.settled.map((s) => `${s.source}>${s.target}`)).toEqual(['company_name>name', 'account_id>external_id'])
    expect(out.questions).toEqual([])
    expect(out.unmatched).toEqual([
      { source: 'legacy_ref', reason: "external_id is account_id, the connection's declared key" },
    ])
  })

  it('changes nothing without a key, or with one the stream does not have', () => {
    expect(claimRecordKey(split(), undefined, ['account_id'])).toEqual(split())
    expect(claimRecordKey(split(), 'customer_id', ['account_id'])).toEqual(split())
  })
})
