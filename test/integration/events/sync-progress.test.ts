import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { tenantHub } from '../../../workers/adapters/events.ts'
import { syncProgress } from '../../../workers/services/aam/sync-events.ts'

it('announces sync progress at most every two seconds', async () => {
  const tenantId = crypto.randomUUID()
  let clock = 0
  const report = syncProgress(
    env,
    tenantId,
    { id: crypto.randomUUID(), name: 'big', connectionId: crypto.randomUUID() },
    () => clock,
  )
  for (let i = 1; i <= 6; i++) {
    clock += 1000
    await report({ rows: i * 2000, stored: i * 2000, quarantined: 0, held: 0, skipped: 0, skipped_reasons: {} })
  }
  const { events } = (await tenantHub(env, tenantId).recent(10)) as unknown as {
    events: { type: string; data: { rows: number } }[]
  }
  expect(events.map((e) => [e.type, e.data.rows])).toEqual([
    ['aos.sync.progress', 12_000],
    ['aos.sync.progress', 8_000],
    ['aos.sync.progress', 4_000],
  ])
})
