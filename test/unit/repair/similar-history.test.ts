import { describe, expect, it } from 'vitest'
import type { DriftChange } from '../../../workers/core/aam/schema-snapshot.ts'
import {
  type Precedent,
  SIMILARITY_FLOOR,
  signatureOf,
  signatureSimilarity,
  withHistory,
} from '../../../workers/core/repair/history.ts'
import { type DecidedRepair, repairDocument, repairInWords } from '../../../workers/core/repair/precedents.ts'

const renamed = (from: string, to: string): DriftChange => ({
  kind: 'renamed',
  path: to,
  from,
  to,
  severity: 'breaking',
  confidence: 0.8,
})
const sig = signatureOf('remap', renamed('cust_mail', 'customer_mail'))
const similar = signatureOf('remap', renamed('cust_email', 'customer_mail'))
const unrelated = signatureOf('remap', renamed('Phone', 'PhoneNumber'))
const decided = (signature: string, decision: Precedent['decision'], extra: Partial<Precedent> = {}): Precedent => ({
  signature,
  decision,
  at: '2026-12-01T09:00:00Z',
  ...extra,
})

describe('similar history', () => {
  it('reads renames of alike names as alike, other kinds and unrelated names as not', () => {
    expect(signatureSimilarity(sig, sig)).toBe(1)
    expect(signatureSimilarity(sig, similar)).toBeGreaterThan(0.8)
    expect(signatureSimilarity(sig, unrelated)).toBeLessThan(SIMILARITY_FLOOR)
    expect(signatureSimilarity(sig, `deprecate:cust_mail`)).toBe(0)
    // A type change must be the same change of types to be alike.
    expect(signatureSimilarity('cast:amount:integer>number', 'cast:amount:integer>string')).toBe(0)
  })

  it('a similar rejection lowers the confidence and names the precedent, who and when', () => {
    const { confidence, evidence } = withHistory(0.8, sig, [
      decided(similar, 'rejected', { where: 'orders.cust_email', by: 'ann@example.com' }),
    ])
    expect(confidence).toBeLessThan(0.8)
    // Less than the same repair rejected would (which halves it).
    expect(confidence).toBeGreaterThan(0.4)
    expect(evidence).toEqual([
      expect.stringMatching(
        /^A similar rename on orders\.cust_email was rejected by ann@example\.com on 2026-12-01 \(similarity 0\.\d\d\)\.$/,
      ),
    ])
  })

  it('a similar approval raises it', () => {
    const { confidence } = withHistory(0.8, sig, [decided(similar, 'approved')])
    expect(confidence).toBeGreaterThan(0.8)
    expect(confidence).toBeLessThan(0.9)
  })

  it('dissimilar history has no effect and says nothing', () => {
    expect(withHistory(0.8, sig, [decided(unrelated, 'rejected'), decided('deprecate:cust_mail', 'approved')])).toEqual(
      { confidence: 0.8, evidence: [] },
    )
  })

  it('the more alike the rejected repair, the lower the confidence (monotonic in similarity)', () => {
    const alike = [
      'remap:cust_mail>customer_mail',
      similar,
      'remap:cust_email>customer_email',
      'remap:mail>mail_address',
    ]
    const ranked = [...alike].sort((a, b) => signatureSimilarity(sig, b) - signatureSimilarity(sig, a))
    const after = ranked.map((s) => withHistory(0.8, sig, [decided(s, 'rejected')]).confidence)
    for (let i = 1; i < after.length; i++) expect(after[i]).toBeGreaterThanOrEqual(after[i - 1] as number)
  })

  it('stays within (0, 1) however much history piles up, and counts one decision once', () => {
    const rejections = Array.from({ length: 40 }, (_, i) => decided(similar, 'rejected', { id: `r${i}` }))
    const approvals = Array.from({ length: 40 }, (_, i) => decided(similar, 'approved', { id: `a${i}` }))
    const low = withHistory(0.8, sig, rejections).confidence
    const high = withHistory(0.8, sig, approvals).confidence
    expect(low).toBeGreaterThanOrEqual(0)
    expect(low).toBeLessThan(0.01)
    expect(high).toBeLessThanOrEqual(1)
    expect(high).toBeGreaterThan(0.99)
    const once = withHistory(0.8, sig, [decided(sig, 'rejected', { id: 'x' }), decided(sig, 'rejected', { id: 'x' })])
    expect(once.confidence).toBe(0.4)
  })
})

describe('decided repairs as knowledge-base documents', () => {
  const row: DecidedRepair = {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'remap',
    signature: similar,
    summary: 'Repoint contact.email from cust_email to customer_mail',
    status: 'rejected',
    decidedAt: new Date('2026-12-01T09:00:00Z'),
    comment: 'not the same field',
    stream: 'orders',
    connection: 'Shop',
    change: renamed('cust_email', 'customer_mail'),
    by: 'ann@example.com',
  }

  it('are written in the words a new repair asks with, with who, when and why', () => {
    const doc = repairDocument(row)
    expect(doc.key).toBe('aos-metadata/repairs/00000000-0000-4000-8000-000000000001')
    expect(doc.metadata).toMatchObject({ kind: 'repair', decision: 'rejected' })
    expect(doc.text).toContain(repairInWords('remap', renamed('cust_email', 'customer_mail')))
    expect(doc.text).toContain('Rejected by ann@example.com on 2026-12-01')
    expect(doc.text).toContain('“not the same field”')
    expect(repairInWords('remap', renamed('custEmail', 'customer_mail'))).toContain('cust email to customer mail')
  })
})
