import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CloudEvent } from '../../../workers/core/events/cloud-event.ts'
import { type Account, addMember, call, expectProblem, signup } from '../../support/api.ts'
import { uploadCsv, waitForJob } from '../../support/jobs.ts'

// Breaking drift under `propagate` holds the stream: nothing read is stored or lost until someone decides.

interface Stream {
  id: string
  fingerprint: string
  record_count: number
  held_drift_id: string | null
}
interface Review {
  status: string
  held_records: number
  decided_by: { type: string; id: string } | null
  decided_at: string | null
  comment: string | null
}
interface Drift {
  id: string
  to_fingerprint: string
  breaking: boolean
  action: string
  review: Review | null
}
type Counts = { rows: number; stored: number; quarantined: number; held: number; skipped: number }

const V1 = 'Email,Full Name\nada@example.com,Ada Lovelace\ngrace@example.com,Grace Hopper\n'
// Renamed columns (breaking) and one added.
const V2 = 'email,full_name,plan\nalan@example.com,Alan Turing,pro\nkaty@example.com,Katherine Johnson,free\n'
const V2_MORE = 'email,full_name,plan\nmary@example.com,Mary Jackson,pro\n\ndot@example.com,Dorothy Vaughan,free\n'
// Only a column added: not breaking.
const V1_PLUS = 'Email,Full Name,Team\nbob@example.com,Bob,ops\n'

describe('drift held for review under the propagate policy', () => {
  let owner: Account
  let token: string
  beforeAll(async () => {
    owner = await signup('Review Co')
    token = owner.tokens.access_token
  })

  async function connection(drift_policy = 'propagate') {
    const res = await call('/v1/connections', { token, body: { kind: 'file', name: 'CRM', drift_policy } })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: string }).id
  }
  const upload = async (id: string, body: string) => (await uploadCsv(token, id, 'contacts', body)).result as Counts
  const get = async <T>(path: string, as = token) => (await (await call(path, { token: as })).json()) as T
  const stream = async (id: string) =>
    (await get<{ data: Stream[] }>(`/v1/connections/${id}/streams`)).data[0] as Stream
  const drift = async (streamId: string) => (await get<{ data: Drift[] }>(`/v1/streams/${streamId}/drift`)).data
  const names = async (streamId: string) =>
    (
      await get<{ data: { data: { attributes: Record<string, unknown> } }[] }>(`/v1/streams/${streamId}/records`)
    ).data.map((r) => r.data.attributes['Full Name'] ?? r.data.attributes.full_name)
  const decide = (streamId: string, driftId: string, decision: string, as = token, body?: unknown) =>
    call(`/v1/streams/${streamId}/drift/${driftId}/${decision}`, { method: 'POST', token: as, body })
  const hubEvents = async (type: string, streamId: string) => {
    const hub = env.TENANT_HUB.get(env.TENANT_HUB.idFromName(owner.tenantId))
    return ((await hub.eventsAfter(0)) as unknown as CloudEvent[]).filter(
      (e) => e.type === type && e.data.stream_id === streamId,
    )
  }

  it('holds every record read after a breaking change, keeps holding, and accept releases them under the new schema', async () => {
    const id = await connection()
    await upload(id, V1)
    const before = await stream(id)

    const first = await upload(id, V2)
    expect(first).toMatchObject({ rows: 2, stored: 0, quarantined: 0, held: 2 })
    const held = await stream(id)
    expect(held.fingerprint).toBe(before.fingerprint) // the new schema is not adopted
    expect(held.record_count).toBe(2)
    expect(await names(held.id)).toEqual(['Ada Lovelace', 'Grace Hopper']) // nothing held is visible
    const [pending] = await drift(held.id)
    expect(pending).toMatchObject({ breaking: true, action: 'held_for_review', id: held.held_drift_id })
    expect(pending?.review).toMatchObject({ status: 'pending', held_records: 2, decided_by: null })
    expect(await hubEvents('aos.drift.held', held.id)).toHaveLength(1)

    // A later upload joins the held records (a blank line is skipped as ever), under the same review.
    const second = await upload(id, V2_MORE)
    expect(second).toMatchObject({ rows: 3, stored: 0, held: 2, skipped: 1 })
    const drifts = await drift(held.id)
    expect(drifts).toHaveLength(1)
    expect(drifts[0]?.review?.held_records).toBe(4)

    const driftId = pending?.id as string
    const res = await decide(held.id, driftId, 'accept', token, { comment: 'the CRM renamed its export' })
    expect(res.status).toBe(200)
    const decided = (await res.json()) as { drift: Drift; sync_job_id: string }
    expect(decided.drift.review).toMatchObject({
      status: 'accepted',
      decided_by: { type: 'user', id: owner.userId },
      comment: 'the CRM renamed its export',
    })
    expect(decided.drift.review?.decided_at).toBeTruthy()
    const job = await waitForJob(token, decided.sync_job_id, ['succeeded', 'dead'])
    expect((job.result as { released: Counts }).released).toMatchObject({ rows: 4, stored: 4, quarantined: 0 })

    const after = await stream(id)
    expect(after).toMatchObject({ held_drift_id: null, fingerprint: pending?.to_fingerprint, record_count: 6 })
    const stored = await names(after.id)
    expect(stored.slice(0, 2)).toEqual(['Ada Lovelace', 'Grace Hopper']) // the released ones come after
    expect(stored.slice(2).sort()).toEqual(['Alan Turing', 'Dorothy Vaughan', 'Katherine Johnson', 'Mary Jackson'])
    expect((await drift(after.id))[0]?.review).toMatchObject({ status: 'accepted', held_records: 0 })
    expect(await hubEvents('aos.drift.accepted', after.id)).toHaveLength(1)
    expect(await hubEvents('aos.drift.released', after.id)).toHaveLength(1)

    // The next file of the accepted shape is simply stored.
    expect(await upload(id, V2)).toMatchObject({ rows: 2, held: 0, skipped: 0, stored: 2 })
    await expectProblem(await decide(after.id, driftId, 'reject'), 409, 'already_decided')
  })

  it('reject keeps the schema and quarantines the held records with the reason; the same change is not asked again', async () => {
    const id = await connection()
    await upload(id, V1)
    const before = await stream(id)
    expect(await upload(id, V2)).toMatchObject({ rows: 2, held: 2 })
    const [pending] = await drift(before.id)
    const res = await decide(before.id, pending?.id as string, 'reject')
    expect(res.status).toBe(200)
    const { sync_job_id } = (await res.json()) as { sync_job_id: string }
    const job = await waitForJob(token, sync_job_id, ['succeeded', 'dead'])
    expect((job.result as { released: Counts }).released).toMatchObject({ rows: 2, stored: 0, quarantined: 2 })

    const after = await stream(id)
    expect(after).toMatchObject({ held_drift_id: null, fingerprint: before.fingerprint, record_count: 2 })
    const quarantined = await get<{ data: { reason: string; line: number }[] }>(`/v1/streams/${after.id}/quarantine`)
    expect(quarantined.data.map((q) => q.line)).toEqual([2, 3])
    expect(quarantined.data[0]?.reason).toContain('rejected in review')

    // The rejected shape again: quarantined at once, with no new review.
    expect(await upload(id, V2)).toMatchObject({ rows: 2, quarantined: 2, held: 0 })
    expect(await drift(after.id)).toHaveLength(1)
    expect((await stream(id)).held_drift_id).toBeNull()
    await expectProblem(await decide(after.id, pending?.id as string, 'accept'), 409, 'already_decided')
  })

  it('applies non-breaking drift at once under propagate, and every change under propagate_all, as before', async () => {
    const additive = await connection()
    await upload(additive, V1)
    expect(await upload(additive, V1_PLUS)).toMatchObject({ rows: 1, stored: 1, held: 0 })
    const s = await stream(additive)
    const [propagated] = await drift(s.id)
    expect(propagated).toMatchObject({ breaking: false, action: 'propagated', review: null })
    expect(s.held_drift_id).toBeNull()
    await expectProblem(await decide(s.id, propagated?.id as string, 'accept'), 409, 'conflict')

    const all = await connection('propagate_all')
    await upload(all, V1)
    expect(await upload(all, V2)).toMatchObject({ rows: 2, stored: 2, held: 0 })
    const a = await stream(all)
    expect(a).toMatchObject({ record_count: 4, held_drift_id: null })
    expect((await drift(a.id))[0]).toMatchObject({ breaking: true, action: 'propagated', review: null })
  })

  it('lets only a member of the tenant decide', async () => {
    const id = await connection()
    await upload(id, V1)
    await upload(id, V2)
    const s = await stream(id)
    const driftId = s.held_drift_id as string

    const viewer = (await addMember(token, { role: 'viewer' })).tokens.access_token
    expect((await drift(s.id))[0]?.review?.status).toBe('pending') // a viewer may look
    await expectProblem(await decide(s.id, driftId, 'accept', viewer), 403, 'forbidden')
    const stranger = (await signup('Snoop Review Co')).tokens.access_token
    await expectProblem(await decide(s.id, driftId, 'accept', stranger), 404, 'not_found')
    await expectProblem(await decide(s.id, crypto.randomUUID(), 'accept'), 404, 'not_found')
    await expectProblem(await decide(s.id, 'nope', 'accept'), 400, 'validation_failed')
    await expectProblem(
      await decide(s.id, driftId, 'reject', token, { comment: 'x'.repeat(1001) }),
      400,
      'validation_failed',
    )
    expect((await drift(s.id))[0]?.review).toMatchObject({ status: 'pending', held_records: 2 })
    expect((await stream(id)).record_count).toBe(2)
  })
})
