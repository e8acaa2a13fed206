// A persona's briefing: the tenant's live state (syncs, jobs, drift, quarantine, LLM spend) as short points,
// the ones that persona cares about first. Each point names the page its figures come from, so every claim
// can be checked; nothing here is generated, only counted.
import type { PersonaId } from './personas.ts'

export interface TenantState {
  /** Jobs that ended in the window, and those dead now (waiting for a replay). */
  jobs: { succeeded: number; failed: number; dead: number }
  connections: readonly {
    name: string
    lastSyncedAt: Date | null
    pausedStreams: number
    records: number
    openQuarantine: number
  }[]
  drift: { breaking: number; nonBreaking: number }
  /** Null when the counts cannot be read (telemetry lives in Redis). */
  llm: { calls: number; errors: number; totalTokens: number; costUsd: number } | null
  windowDays: number
}

export type BriefingSource = 'jobs' | 'connections' | 'drift' | 'llm'

export interface BriefingPoint {
  topic: Topic
  text: string
  source: BriefingSource
}

type Topic = 'sync_freshness' | 'jobs' | 'drift' | 'quarantine' | 'paused' | 'llm' | 'records'

const ORDER: Readonly<Record<PersonaId, readonly Topic[]>> = {
  cfo: ['llm', 'records', 'jobs'],
  cro: ['sync_freshness', 'records', 'quarantine'],
  coo: ['jobs', 'sync_freshness', 'paused', 'quarantine'],
  cto: ['llm', 'jobs', 'sync_freshness'],
  data_engineer: ['drift', 'quarantine', 'paused', 'sync_freshness', 'jobs'],
}

const STALE_AFTER_MS = 24 * 3600 * 1000
const n = (value: number) => value.toLocaleString('en-US')
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`
const names = (list: readonly { name: string }[]) =>
  list.length <= 3
    ? list.map((c) => c.name).join(', ')
    : `${list
        .slice(0, 3)
        .map((c) => c.name)
        .join(', ')} and ${list.length - 3} more`

function point(topic: Topic, state: TenantState, now: Date): BriefingPoint {
  const { connections, jobs, drift, llm, windowDays } = state
  const window = `in the last ${plural(windowDays, 'day')}`
  switch (topic) {
    case 'sync_freshness': {
      const stale = connections.filter(
        (c) => !c.lastSyncedAt || now.getTime() - c.lastSyncedAt.getTime() > STALE_AFTER_MS,
      )
      const text =
        connections.length === 0
          ? 'No source is connected yet.'
          : stale.length === 0
            ? `All ${plural(connections.length, 'connection')} synced in the last 24 hours.`
            : `${n(stale.length)} of ${plural(connections.length, 'connection')} not synced in the last 24 hours: ${names(stale)}.`
      return { topic, text, source: 'connections' }
    }
    case 'jobs':
      return {
        topic,
        text: `Jobs ${window}: ${n(jobs.succeeded)} succeeded, ${n(jobs.failed)} failed; ${plural(jobs.dead, 'job is', 'jobs are')} dead, waiting for a replay.`,
        source: 'jobs',
      }
    case 'drift':
      return {
        topic,
        text: `Schema drift ${window}: ${plural(drift.breaking, 'breaking change')} and ${plural(drift.nonBreaking, 'non-breaking change')}.`,
        source: 'drift',
      }
    case 'quarantine': {
      const held = connections.filter((c) => c.openQuarantine > 0)
      const total = held.reduce((sum, c) => sum + c.openQuarantine, 0)
      return {
        topic,
        text:
          total === 0 ? 'No record is in quarantine.' : `${plural(total, 'record')} in quarantine, in ${names(held)}.`,
        source: 'connections',
      }
    }
    case 'paused': {
      const paused = connections.filter((c) => c.pausedStreams > 0)
      const total = paused.reduce((sum, c) => sum + c.pausedStreams, 0)
      return {
        topic,
        text: total === 0 ? 'No stream is paused.' : `${plural(total, 'stream')} paused, in ${names(paused)}.`,
        source: 'connections',
      }
    }
    case 'records': {
      const total = connections.reduce((sum, c) => sum + c.records, 0)
      return {
        topic,
        text: `${plural(total, 'record')} stored from ${plural(connections.length, 'connection')}.`,
        source: 'connections',
      }
    }
    case 'llm':
      return {
        topic,
        text: llm
          ? `Language models ${window}: ${plural(llm.calls, 'call')}, ${plural(llm.totalTokens, 'token')}, about $${llm.costUsd.toFixed(2)} at list prices; ${plural(llm.errors, 'call')} failed.`
          : 'LLM usage cannot be read right now (its counters are in Redis); the calls themselves are not affected.',
        source: 'llm',
      }
  }
}

export function personaBriefing(persona: PersonaId, state: TenantState, now: Date): BriefingPoint[] {
  return ORDER[persona].map((topic) => point(topic, state, now))
}
