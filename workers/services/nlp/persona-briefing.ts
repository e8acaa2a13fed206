import { personaBriefing } from '../../core/nlp/assistant/briefing.ts'
import type { PersonaId } from '../../core/nlp/assistant/personas.ts'
import type { Services } from '../container.ts'
import { getDashboard } from '../dashboard/get-dashboard.ts'
import { getLlmTelemetry } from '../telemetry/get-llm-telemetry.ts'
import { tenantPersonas, usablePersona } from './personas.ts'

const WINDOW_DAYS = 7

/** `GET /v1/nlp/personas/{persona}/summary`: the persona's points from this tenant's state, read now. */
export async function briefPersona(services: Services, tenantId: string, persona: PersonaId, now = new Date()) {
  const { title } = usablePersona(await tenantPersonas(services, tenantId), persona, 'workspace_briefing')
  const [dashboard, llm] = await Promise.all([
    getDashboard(services, tenantId, WINDOW_DAYS),
    // Telemetry lives in Redis: without it the briefing says so instead of failing.
    getLlmTelemetry(services, tenantId, { window: '7d', group_by: 'feature' }, now.getTime()).catch(() => null),
  ])
  const sum = (key: 'succeeded' | 'failed') => dashboard.jobs_per_day.reduce((total, day) => total + day[key], 0)
  const points = personaBriefing(
    persona,
    {
      windowDays: WINDOW_DAYS,
      jobs: {
        succeeded: sum('succeeded'),
        failed: sum('failed'),
        dead: dashboard.jobs_by_status.find((s) => s.status === 'dead')?.count ?? 0,
      },
      connections: dashboard.connections.map((c) => ({
        name: c.name,
        lastSyncedAt: c.last_synced_at ? new Date(c.last_synced_at) : null,
        pausedStreams: c.paused_streams,
        records: c.records,
        openQuarantine: c.open_quarantine,
      })),
      drift: dashboard.drift_per_day.reduce(
        (total, day) => ({
          breaking: total.breaking + day.breaking,
          nonBreaking: total.nonBreaking + day.non_breaking,
        }),
        { breaking: 0, nonBreaking: 0 },
      ),
      llm: llm && {
        calls: llm.totals.calls,
        errors: llm.totals.errors,
        totalTokens: llm.totals.total_tokens,
        costUsd: llm.totals.cost_usd,
      },
    },
    now,
  )
  return {
    persona,
    title,
    generated_at: now.toISOString(),
    points: points.map((p) => ({ topic: p.topic, text: p.text, source: p.source })),
  }
}
