// The tenant's decisions on fields of similar names (retrieved precedents) lean a suggestion by how alike
// the names are, say so naming who and when, and reach the LLM's question as context.
import { describe, expect, it } from 'vitest'
import { questionMessages } from '../../../workers/core/dcl/mapping/ambiguity.ts'
import { applyDecision, indexDecisions, precedentsFor } from '../../../workers/core/dcl/mapping/decisions.ts'
import { matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'
import {
  type DecidedMapping,
  mappingDocument,
  mappingIdOfKey,
  mappingInWords,
  precedentOf,
} from '../../../workers/core/dcl/mapping/precedents.ts'
import { ACCOUNT, f } from './mapping-helpers.ts'

const decided = (sourcePath: string, status: DecidedMapping['status'], field = 'website'): DecidedMapping => ({
  id: '7d9f1c2e-0000-4000-8000-000000000001',
  stream: 'customers',
  connection: 'Customers export',
  sourcePath,
  entity: 'account',
  field,
  status,
  decidedAt: new Date('2026-12-01T09:00:00Z'),
  note: 'that is the shop, not the company',
  by: 'ann@example.com',
})

const domainOf = (decisions: Parameters<typeof matchSchemas>[0]['decisions']) =>
  matchSchemas({
    source: [f('id'), f('Company Name'), f('Company Website')],
    target: ACCOUNT,
    decisions,
  }).suggestions.find((s) => s.source === 'Company Website')

describe('mapping precedents', () => {
  it('a similar rejection lowers the suggestion and names the precedent; a similar acceptance raises it', () => {
    const plain = domainOf([])
    const lowered = domainOf([precedentOf(decided('Web Site', 'rejected'))])
    const raised = domainOf([precedentOf(decided('Web Site', 'accepted'))])
    expect(plain?.target).toBe('website')
    expect(lowered?.confidence).toBeLessThan(plain?.confidence as number)
    // Never lowers what the names already make sure.
    expect(raised?.confidence).toBeGreaterThanOrEqual(plain?.confidence as number)
    expect(raised?.evidence).toContainEqual(expect.stringContaining('A similar mapping Web Site → account.website'))
    expect(lowered?.evidence).toContainEqual(
      expect.stringMatching(
        /^A similar mapping Web Site → account\.website on customers was rejected by ann@example\.com on 2026-12-01 \(similarity 0\.\d\d\)\.$/,
      ),
    )
  })

  it('an unrelated or plain (unretrieved) decision on another name says nothing', () => {
    const plain = domainOf([])
    expect(domainOf([precedentOf(decided('Homepage Views', 'rejected'))])).toEqual(plain)
    expect(domainOf([{ source: 'Web Site', target: 'website', verdict: 'rejected' }])).toEqual(plain)
  })

  it('the more alike the names, the more a verdict weighs; the same name weighs as before', () => {
    const index = indexDecisions([precedentOf(decided('Web Site', 'rejected'))])
    const close = index.lookup('Web Site URL', 'website')
    const far = index.lookup('Company Website', 'website')
    expect(applyDecision(0.9, close)).toBeLessThan(applyDecision(0.9, far) as number)
    expect(index.lookup('web_site', 'website')).toEqual({ kind: 'similar-rejected' })
    expect(applyDecision(0.9, { kind: 'similar-rejected' })).toBeCloseTo(0.36)
    expect(index.lookup('Company Website', 'name')).toBeUndefined()
    const accepted = indexDecisions([precedentOf(decided('Web Site', 'accepted'))])
    expect(applyDecision(0.6, accepted.lookup('Company Website', 'website'))).toBeGreaterThan(0.6)
    expect(applyDecision(0.6, accepted.lookup('Company Website', 'website'))).toBeLessThan(
      applyDecision(0.6, { kind: 'similar-accepted' }) as number,
    )
  })

  it('gives the LLM the precedents on fields like the one asked about', () => {
    const decisions = [
      precedentOf(decided('Web Site', 'rejected')),
      precedentOf(decided('Annual Revenue', 'accepted', 'annual_revenue')),
    ]
    const context = precedentsFor('Company Website', decisions)
    expect(context).toEqual([expect.stringContaining('A similar mapping Web Site → account.website')])
    const [, user] = questionMessages(
      'account',
      { source: 'Company Website', candidates: [{ target: 'website', confidence: 0.6, evidence: [] }] },
      [],
      context,
    )
    expect(user?.content).toContain("This workspace's earlier decisions on fields like it:")
    expect(user?.content).toContain('- A similar mapping Web Site → account.website on customers was rejected by')
    expect(questionMessages('account', { source: 'x', candidates: [] }, [])[1]?.content).not.toContain(
      'earlier decisions',
    )
  })

  it('keeps a decision as a document in the words a field asks with', () => {
    const doc = mappingDocument(decided('Web Site', 'rejected'))
    expect(mappingIdOfKey(doc.key)).toBe('7d9f1c2e-0000-4000-8000-000000000001')
    expect(doc.metadata).toMatchObject({ kind: 'mapping', decision: 'rejected', entity: 'account' })
    expect(doc.text).toContain(mappingInWords('Web Site'))
    expect(doc.text).toContain('Rejected by ann@example.com on 2026-12-01. Note: “that is the shop, not the company”.')
    expect(mappingIdOfKey('aos-metadata/repairs/x')).toBeNull()
  })
})
