// The repair job for one drift record: proposals from the change and the tenant's history (the same
// repairs and, retrieved from the knowledge base, similar ones), stored once
// (unique per drift change), then, outside Safe Mode, the sure ones applied by the engine itself (which
// accepts held drift once every repair is applied); whatever still waits is announced to the Review
// queue and to Slack.
import { withTenant } from '../../adapters/db/client.ts'
import { findDrift } from '../../adapters/db/drift-review-repo.ts'
import { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'
import { decidedRepairs, driftRepairs, insertRepairs, type RepairRow } from '../../adapters/db/repairs-repo.ts'
import { type DriftChange, DriftChangeSchema } from '../../core/aam/schema-snapshot.ts'
import { precedentOf } from '../../core/repair/precedents.ts'
import { proposeRepairs } from '../../core/repair/proposal.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { announceRepair } from './announce-repair.ts'
import { applyRepair } from './apply-repair.ts'
import { automationIn } from './automation.ts'
import { similarRepairIds } from './similar-repairs.ts'
import { streamMappingContext } from './stream-mapping-context.ts'

/** The engine, as the audit log and the registry name it when it applies a repair on its own. */
export const ENGINE: Actor = { actorType: 'system', actorId: null }

export interface RepairOutcome {
  proposed: number
  applied: number
  waiting: number
}

export async function proposeDriftRepairs(
  services: Services,
  tenantId: string,
  driftId: string,
): Promise<RepairOutcome> {
  // The drift and the stream's mapping, and the proposals before history (pure and cheap): their changes
  // are what the knowledge base is asked about, outside any transaction (retrieval opens its own).
  const read = await withTenant(services.db, tenantId, async (tx) => {
    const drift = await findDrift(tx, tenantId, driftId)
    const context = drift && (await streamMappingContext(tx, tenantId, drift))
    if (!drift || !context) return null
    const changes = DriftChangeSchema.array().parse(drift.changes)
    const bare = proposeRepairs(changes, context.entries, [])
    // A workspace where nobody decided a repair yet has nothing to retrieve.
    const decided = bare.length > 0 && (await decidedRepairs(tx, tenantId, { limit: 1 })).length > 0
    return { drift, context, changes, bare, decided }
  })
  if (!read) return { proposed: 0, applied: 0, waiting: 0 }
  const { drift, context, changes, bare } = read
  const similar = read.decided
    ? await similarRepairIds(
        services,
        tenantId,
        bare.map((p) => ({ kind: p.kind, change: changes[p.change_index] as DriftChange })),
      )
    : []
  const found = await withTenant(services.db, tenantId, async (tx) => {
    // People's decisions on the same repairs and on the similar ones retrieval found, oldest first.
    const history = await decidedRepairs(tx, tenantId, { signatures: bare.map((p) => p.signature), ids: similar })
    const proposals = proposeRepairs(changes, context.entries, history.map(precedentOf))
    const created = await insertRepairs(
      tx,
      proposals.map((p) => ({
        tenantId,
        driftId,
        changeIndex: p.change_index,
        connectionId: drift.connectionId,
        streamId: drift.streamId,
        kind: p.kind,
        signature: p.signature,
        summary: p.summary,
        confidence: p.confidence,
        evidence: p.evidence,
        writes: p.writes,
        status: 'proposed' as const,
      })),
    )
    return {
      created,
      all: await driftRepairs(tx, tenantId, driftId),
      automation: await automationIn(tx, tenantId),
    }
  })
  const { created, automation } = found
  for (const r of created) await announceRepair(services, tenantId, 'aos.repair.proposed', r)

  const safe = automation.safe_mode || context.connection.safeMode
  let applied = 0
  const statuses = new Map(found.all.map((r) => [r.id, r.status]))
  for (const r of found.all) {
    if (safe || r.status !== 'proposed' || r.confidence < automation.repair_threshold) continue
    await applyRepair(services, tenantId, { id: r.id, actor: ENGINE })
    statuses.set(r.id, 'applied')
    applied++
  }
  const waiting = found.all.filter((r) => statuses.get(r.id) === 'proposed')
  if (created.some((r) => waiting.some((w) => w.id === r.id)))
    await notifyWaiting(services, tenantId, context.connection.name, context.stream.name, waiting, safe)
  return { proposed: created.length, applied, waiting: waiting.length }
}

/** What waits on a person, to Slack when the workspace set a webhook (once per drift record). */
async function notifyWaiting(
  services: Services,
  tenantId: string,
  connection: string,
  stream: string,
  waiting: readonly RepairRow[],
  safe: boolean,
) {
  const settings = await withTenant(services.db, tenantId, (tx) => findNotificationSettings(tx, tenantId))
  if (!settings?.slackWebhookCiphertext || waiting.length === 0) return
  const lines = waiting.map((r) => `• ${r.summary} (confidence ${r.confidence.toFixed(2)})`)
  await submitJob(services, tenantId, {
    kind: 'notify.slack',
    payload: {
      text: `:wrench: ${waiting.length === 1 ? '1 repair' : `${waiting.length} repairs`} for ${connection} / ${stream} ${waiting.length === 1 ? 'waits' : 'wait'} for review${safe ? ' (Safe Mode)' : ''} in AOS Review:\n${lines.join('\n')}`.slice(
        0,
        3000,
      ),
    },
    idempotencyKey: `repair-review:${waiting[0]?.driftId}`,
    createdBy: null,
  })
}
