// The knowledge base as a tenant uses it over the API: upload (a kb.ingest job), list, search, replace, delete.
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CloudEvent } from '../../../workers/core/events/cloud-event.ts'
import { type Account, addMember, call, expectProblem, signup } from '../../support/api.ts'
import { uploadCsv, waitForJob } from '../../support/jobs.ts'
import { uploadKbDocument } from '../../support/kb.ts'

interface Hit {
  document_id: string
  document_key: string
  title: string | null
  text: string
  headings: string[]
  score: number
  retrievers: { fulltext?: { rank: number }; vector?: { rank: number } }
}
interface KbDoc {
  id: string
  key: string
  title: string | null
  source_kind: string
  chunks: number
  metadata: Record<string, unknown>
}

let owner: Account

const upload = uploadKbDocument

async function search(token: string, body: Record<string, unknown>): Promise<Hit[]> {
  const res = await call('/v1/kb/search', { token, body })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { data: Hit[] }).data
}

async function documents(token: string): Promise<KbDoc[]> {
  return ((await (await call('/v1/kb/documents', { token })).json()) as { data: KbDoc[] }).data
}

const refunds = `# Refund policy

## Timing
Customers receive a refund within 30 days of returning the item.

## Exceptions
Gift cards and clearance items are never refunded.`

describe('knowledge base API', () => {
  beforeAll(async () => {
    owner = await signup('Knowledge Co')
  })

  it('stores an uploaded Markdown document through a job and finds it by words and by meaning', async () => {
    const token = owner.tokens.access_token
    const job = await upload(token, {
      key: 'policies/refunds.md',
      format: 'markdown',
      content: refunds,
      metadata: { team: 'support' },
    })
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(job.result).toMatchObject({ key: 'policies/refunds.md', status: 'created' })

    const [doc] = (await documents(token)).filter((d) => d.key === 'policies/refunds.md')
    expect(doc).toMatchObject({ source_kind: 'markdown', metadata: { team: 'support' } })
    expect(doc?.chunks).toBeGreaterThan(0)

    const [top] = await search(token, { query: 'are gift cards refunded?' })
    expect(top).toMatchObject({ document_key: 'policies/refunds.md', document_id: doc?.id })
    expect(top?.text).toContain('Gift cards')
    expect(top?.headings).toContain('Exceptions')
    expect(top?.retrievers.fulltext?.rank).toBe(1)
    expect(top?.retrievers.vector).toBeDefined()
  })

  it('reports ingestion progress, chunks embedded of the total, on the job and as aos.job.progress events', async () => {
    const token = owner.tokens.access_token
    // Enough text for several embedding batches.
    const sections = Array.from(
      { length: 120 },
      (_, i) =>
        `## Section ${i}\n\n${`Warehouse ${i} ships parcel batch ${i * 7} to region ${i % 13} every weekday morning. `.repeat(12)}`,
    )
    const job = await upload(token, { key: 'ops/big-manual.md', format: 'markdown', content: sections.join('\n\n') })
    expect(job.status).toBe('succeeded')
    const chunks = (job.result as { chunks: number }).chunks
    expect(chunks).toBeGreaterThan(50)
    expect(job.progress).toEqual({ done: chunks, total: chunks, unit: 'chunks' })

    const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(owner.tenantId))
    const progress = ((await hub.eventsAfter(0)) as unknown as CloudEvent[])
      .filter((e) => e.type === 'aos.job.progress' && e.data.job_id === job.id)
      .map((e) => e.data.progress as { done: number; total: number })
    expect(progress[0]).toEqual({ done: 0, total: chunks, unit: 'chunks' })
    expect(progress.at(-1)).toEqual({ done: chunks, total: chunks, unit: 'chunks' })
    const done = progress.map((p) => p.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
  })

  it('turns HTML into text with its headings and title, leaving scripts and link targets out', async () => {
    const token = owner.tokens.access_token
    const html = `<html><head><title>Shipping FAQ</title><script>var secretToken = "zzkq"</script></head><body>
      <h1>Shipping</h1><p>Orders ship from <a href="https://warehouse.example/rotterdam">Rotterdam</a> within two business days.</p></body></html>`
    expect((await upload(token, { key: 'faq/shipping.html', format: 'html', content: html })).status).toBe('succeeded')
    const hits = await search(token, {
      query: 'where do orders ship from',
      filter: { document_keys: ['faq/shipping.html'] },
    })
    expect(hits[0]).toMatchObject({ title: 'Shipping FAQ', headings: ['Shipping'] })
    expect(hits[0]?.text).toContain('Orders ship from Rotterdam within two business days.')
    const all = hits.map((h) => h.text).join('\n')
    expect(all).not.toContain('secretToken')
    expect(all).not.toContain('warehouse.example')
  })

  it('replaces a re-uploaded key instead of adding to it, and a deleted document is no longer found', async () => {
    const token = owner.tokens.access_token
    const key = `notes/${crypto.randomUUID()}`
    await upload(token, { key, content: 'The quarterly offsite is in Lisbon this year.' })
    const again = await upload(token, { key, content: 'The quarterly offsite is in Lisbon this year.' })
    expect(again.result).toMatchObject({ status: 'unchanged' })
    const replaced = await upload(token, { key, content: 'The quarterly offsite moved to Porto.' })
    expect(replaced.result).toMatchObject({ status: 'replaced' })

    const hits = await search(token, { query: 'quarterly offsite', filter: { document_keys: [key] } })
    expect(hits.map((h) => h.text)).toEqual(['The quarterly offsite moved to Porto.'])
    expect((await documents(token)).filter((d) => d.key === key)).toHaveLength(1)

    const id = hits[0]?.document_id
    expect((await call(`/v1/kb/documents/${id}`, { method: 'DELETE', token })).status).toBe(204)
    expect(await search(token, { query: 'quarterly offsite Porto', filter: { document_keys: [key] } })).toEqual([])
    await expectProblem(await call(`/v1/kb/documents/${id}`, { token }), 404, 'not_found')
    await expectProblem(await call(`/v1/kb/documents/${id}`, { method: 'DELETE', token }), 404, 'not_found')
  })

  it('never shows one tenant’s documents to another, by search, list, read or delete', async () => {
    const secret = `falcon-${crypto.randomUUID().slice(0, 8)}`
    await upload(owner.tokens.access_token, { key: 'secret-plan', content: `Project ${secret} launches in March.` })
    const [mine] = await search(owner.tokens.access_token, { query: secret })
    expect(mine?.document_key).toBe('secret-plan')

    const other = (await signup('Curious Co')).tokens.access_token
    expect(await search(other, { query: secret })).toEqual([])
    expect(await search(other, { query: secret, mode: 'vector' })).toEqual([])
    expect(await documents(other)).toEqual([])
    await expectProblem(await call(`/v1/kb/documents/${mine?.document_id}`, { token: other }), 404, 'not_found')
    await expectProblem(
      await call(`/v1/kb/documents/${mine?.document_id}`, { method: 'DELETE', token: other }),
      404,
      'not_found',
    )
    expect((await search(owner.tokens.access_token, { query: secret }))[0]?.document_key).toBe('secret-plan')
  })

  it('lets a viewer search but not upload or delete', async () => {
    const viewer = (await addMember(owner.tokens.access_token, { role: 'viewer' })).tokens.access_token
    await expectProblem(
      await call('/v1/kb/documents', { token: viewer, body: { key: 'x', content: 'y' } }),
      403,
      'forbidden',
    )
    expect((await search(viewer, { query: 'refund' })).length).toBeGreaterThan(0)
  })

  it('refuses bad input with a problem that says what is wrong', async () => {
    const token = owner.tokens.access_token
    await expectProblem(
      await call('/v1/kb/documents', { token, body: { key: 'a', content: '' } }),
      400,
      'validation_failed',
    )
    await expectProblem(
      await call('/v1/kb/documents', { token, body: { key: 'a', content: 'x', format: 'pdf' } }),
      400,
      'validation_failed',
    )
    await expectProblem(await call('/v1/kb/search', { token, body: { query: '   ' } }), 400, 'validation_failed')
    await expectProblem(await call('/v1/kb/documents?cursor=nonsense', { token }), 400, 'bad_request')
    await expectProblem(
      await call('/v1/kb/documents', { token, body: { key: 'big', content: 'x'.repeat(1_100_000) } }),
      413,
      'payload_too_large',
    )
  })

  it('describes the workspace’s own connections, streams and fields as metadata documents after a sync', async () => {
    const token = (await signup('Metadata Co')).tokens.access_token
    const created = await call('/v1/connections', { token, body: { kind: 'file', name: 'Partner feed' } })
    const { id } = (await created.json()) as { id: string }
    await uploadCsv(token, id, 'partners', 'partner_code,region\nP-1,EMEA\n')
    // The sync queued a kb.metadata job by itself; asking again within the minute returns that same job.
    const refresh = await call('/v1/kb/metadata/refresh', { method: 'POST', token })
    expect(refresh.status).toBe(202)
    const job = await waitForJob(token, ((await refresh.json()) as { id: string }).id, ['succeeded', 'dead'], 30_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')

    const doc = (await documents(token)).find((d) => d.key === `aos-metadata/connections/${id}`)
    expect(doc).toMatchObject({
      title: 'Connection Partner feed',
      source_kind: 'metadata',
    })
    const [hit] = await search(token, {
      query: 'which stream has the partner_code field',
      filter: { source_kinds: ['metadata'] },
    })
    expect(hit?.headings).toContain('Stream partners')
    expect(hit?.text).toContain('partner_code (string)')

    // A deleted connection's document goes with the next refresh.
    expect((await call(`/v1/connections/${id}`, { method: 'DELETE', token })).status).toBe(204)
    const later = await waitForJob(
      token,
      (
        (await (await call('/v1/jobs', { method: 'POST', token, body: { kind: 'kb.metadata' } })).json()) as {
          id: string
        }
      ).id,
      ['succeeded', 'dead'],
      30_000,
    )
    // (The unified view its records fed keeps its own document: the DCL keeps what it merged.)
    expect(later.result).toMatchObject({ removed: 1 })
    expect((await documents(token)).map((d) => d.key)).not.toContain(`aos-metadata/connections/${id}`)
  })
})
