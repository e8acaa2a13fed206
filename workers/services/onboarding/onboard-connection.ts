// Onboarding a connection in one job: sync it (discover its streams, profile their fields, store what
// they hold), suggest mappings for every stream, and — outside Safe Mode only — accept the suggestions
// at or above the workspace's threshold, then re-derive the streams' DCL rows so the unified views fill.
// In Safe Mode every suggestion waits in the review queue; nothing is applied.
import { findConnection, listStreams } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { acceptMapping } from '../dcl/decide-mapping.ts'
import { suggestMappings } from '../dcl/suggest-mappings.ts'
import { ProblemError } from '../problem-error.ts'
import { automationIn } from '../repair/automation.ts'
import { ENGINE } from '../repair/propose-repairs.ts'
import { rederiveStream } from '../repair/rederive-stream.ts'

export interface OnboardingSteps {
  /** Runs the connection's sync (discovery, profiles, records) the way a sync job does. */
  sync(): Promise<void>
  progress(done: number, total: number): Promise<void>
}

const STEPS = 4

export async function onboardConnection(
  services: Services,
  tenantId: string,
  connectionId: string,
  steps: OnboardingSteps,
) {
  await steps.progress(0, STEPS)
  await steps.sync()
  await steps.progress(1, STEPS)
  const { streams, automation, connection } = await withTenant(services.db, tenantId, async (tx) => ({
    connection: await findConnection(tx, tenantId, connectionId),
    streams: await listStreams(tx, tenantId, connectionId),
    automation: await automationIn(tx, tenantId),
  }))
  if (!connection) return { not_onboarded: 'connection deleted' }
  const safeMode = automation.safe_mode || connection.safeMode

  const views = new Map<string, string[]>()
  const skipped: { stream: string; reason: string }[] = []
  const suggested = []
  for (const stream of streams) {
    try {
      const result = await suggestMappings(services, tenantId, { stream_id: stream.id, actor: ENGINE })
      views.set(result.entity, [...(views.get(result.entity) ?? []), stream.name])
      suggested.push({ stream, suggestions: result.suggestions })
    } catch (error) {
      // A stream with nothing synced yet has no schema to map: said, and the others go on.
      if (!(error instanceof ProblemError)) throw error
      skipped.push({ stream: stream.name, reason: error.detail })
    }
  }
  await steps.progress(2, STEPS)

  let accepted = 0
  let waiting = 0
  for (const { stream, suggestions } of suggested) {
    let changed = false
    for (const s of suggestions) {
      if (safeMode || s.confidence < automation.repair_threshold) {
        waiting++
        continue
      }
      await acceptMapping(services, tenantId, {
        id: s.id,
        comment: 'accepted by onboarding',
        actor: ENGINE,
        rederive: false,
      })
      accepted++
      changed = true
    }
    if (changed) await rederiveStream(services, tenantId, stream)
  }
  await steps.progress(STEPS, STEPS)
  return {
    safe_mode: safeMode,
    streams: streams.length,
    suggested: accepted + waiting,
    accepted,
    waiting_for_review: waiting,
    views: [...views].map(([entity, from]) => ({ entity, streams: from })),
    skipped,
  }
}
