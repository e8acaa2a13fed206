// A tenant's decisions on mappings are precedents: a rejected Web Site → account.domain makes the same
// tenant's next suggestion of a similar field (Company Website) on another export less sure, and says who
// rejected it and when; another tenant's identical export is as sure as its evidence and shows nothing of it.
// Where the matcher asks an LLM (the OpenAI stand-in here), the question carries the precedents, redacted.
import { createExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../workers/api/index.ts'
import { type Account, call, signup } from '../../support/api.ts'
import { settleJobs, uploadCsv } from '../../support/jobs.ts'
import { openAiEnv, received } from '../../support/openai-stand-in.ts'

type Version = { id: string; source_path: string; field: string; confidence: number; evidence: string[] }
type Suggestions = { entity: string; suggestions: Version[] }

const rows = ['C-1,Acme Corp,https://www.acme.com', 'C-2,Globex,globex.io', 'C-3,Initech,http://initech.net/about']
const csv = (site: string) => [`Customer ID,Company Name,${site}`, ...rows].join('\n')

/** A file connection with one uploaded export; its stream id. */
async function exportOf(token: string, name: string, stream: string, body: string, key: string | null = 'Customer ID') {
  const res = await call('/v1/connections', {
    token,
    body: { kind: 'file', name, config: key ? { primary_key: key } : {} },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const connectionId = ((await res.json()) as { id: string }).id
  await uploadCsv(token, connectionId, stream, body)
  await settleJobs(token)
  const streams = (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
    data: { id: string }[]
  }
  return { streamId: streams.data[0]?.id as string, connectionId }
}

async function suggest(token: string, streamId: string) {
  const res = await call('/v1/dcl/mappings/suggest', { token, body: { stream_id: streamId, entity: 'account' } })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Suggestions
}

/** Suggests the first export's mappings and rejects the one of `source`. */
async function rejectFirst(account: Account, source: string) {
  const token = account.tokens.access_token
  const first = await suggest(token, (await exportOf(token, 'Customers export', 'customers', csv('Web Site'))).streamId)
  const pick = first.suggestions.find((s) => s.source_path === source) as Version
  expect(pick, JSON.stringify(first)).toBeDefined()
  const res = await call(`/v1/dcl/mappings/${pick.id}/reject`, {
    token,
    body: { comment: 'that is the shop, not the company' },
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** The second export's suggestion for Company Website. */
async function websiteOnSecondExport(account: Account) {
  const token = account.tokens.access_token
  const second = await suggest(token, (await exportOf(token, 'Leads export', 'leads', csv('Company Website'))).streamId)
  return second.suggestions.find((s) => s.source_path === 'Company Website') as Version
}

describe("similar mapping decisions in the tenant's history (retrieved from its knowledge base)", () => {
  it('a rejection lowers the same tenant’s suggestion for a similar field, naming it; another tenant is untouched', async () => {
    const one = await signup('Precedent Co')
    await rejectFirst(one, 'Web Site')
    const mine = await websiteOnSecondExport(one)

    // Tenant two has history of its own (an unrelated rejection), then the very same exports.
    const two = await signup('Other Precedent Co')
    await rejectFirst(two, 'Company Name')
    const theirs = await websiteOnSecondExport(two)

    expect(theirs).toMatchObject({ field: 'domain' })
    expect(theirs.evidence.join(' ')).not.toMatch(/similar mapping|Web Site|shop/)
    expect(theirs.evidence.join(' ')).not.toContain(one.email)

    expect(mine).toMatchObject({ field: 'domain' })
    expect(mine.confidence).toBeLessThan(theirs.confidence)
    expect(mine.evidence).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^A similar mapping Web Site → account\\.domain on customers was rejected by ${one.email.replace(/[.+]/g, '\\$&')} on \\d{4}-\\d{2}-\\d{2} \\(similarity 0\\.\\d\\d\\)\\.$`,
        ),
      ),
    )
  }, 240_000)
})

describe('the LLM asked about an ambiguous field is told of the precedents', () => {
  it('the question for kennziffer names the mapping stated for Kennziffer, without the person’s email', async () => {
    const one = await signup('Prompted Precedent Co')
    const token = one.tokens.access_token
    const rows = ['K-100,Acme Corp', 'K-200,Globex']
    const first = await exportOf(
      token,
      'Customers export',
      'customers',
      ['Kennziffer,Company Name', ...rows].join('\n'),
      null,
    )
    const stated = await call('/v1/dcl/mappings', {
      token,
      body: {
        source_system: 'file',
        connection_id: first.connectionId,
        source_stream: 'customers',
        source_path: 'Kennziffer',
        entity: 'account',
        field: 'external_id',
      },
    })
    expect(stated.status, await stated.clone().text()).toBe(201)

    // Only the verdict on another stream speaks for kennziffer → external_id: the matcher asks the LLM.
    const second = await exportOf(token, 'Leads export', 'leads', ['kennziffer,Company Name', ...rows].join('\n'), null)
    const model = `precedent-${crypto.randomUUID().slice(0, 8)}`
    const res = await createApp().request(
      '/v1/dcl/mappings/suggest',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ stream_id: second.streamId, entity: 'account' }),
      },
      openAiEnv(model),
      createExecutionContext(),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    const body = (await res.json()) as { llm_questions: number }
    expect(body.llm_questions, JSON.stringify(body)).toBeGreaterThan(0)
    const prompts = (await received(model))
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => JSON.stringify(r.body.messages))
    const asked = prompts.find((p) => p.includes('Source field: kennziffer'))
    expect(asked, prompts.join('\n')).toBeDefined()
    expect(asked).toContain("This workspace's earlier decisions on fields like it:")
    expect(asked).toContain('The same mapping Kennziffer → account.external_id on customers was accepted by')
    expect(asked).not.toContain(one.email)
  }, 240_000)
})
