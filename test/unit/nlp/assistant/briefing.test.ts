import { describe, expect, it } from 'vitest'
import { personaBriefing, type TenantState } from '../../../../workers/core/nlp/assistant/briefing.ts'

const now = new Date('2026-12-03T12:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)
const state: TenantState = {
  windowDays: 7,
  jobs: { succeeded: 40, failed: 3, dead: 1 },
  connections: [
    { name: 'CRM exports', lastSyncedAt: hoursAgo(2), pausedStreams: 0, records: 1200, openQuarantine: 4 },
    { name: 'Billing DB', lastSyncedAt: hoursAgo(30), pausedStreams: 1, records: 300, openQuarantine: 0 },
    { name: 'Notes', lastSyncedAt: null, pausedStreams: 0, records: 0, openQuarantine: 0 },
  ],
  drift: { breaking: 2, nonBreaking: 5 },
  llm: { calls: 12, errors: 1, totalTokens: 34_000, costUsd: 0.42 },
}

describe('personaBriefing', () => {
  it('puts what each persona cares about first, every point naming its source', () => {
    expect(personaBriefing('cfo', state, now)[0]).toEqual({
      topic: 'llm',
      source: 'llm',
      text: 'Language models in the last 7 days: 12 calls, 34,000 tokens, about $0.42 at list prices; 1 call failed.',
    })
    expect(personaBriefing('data_engineer', state, now).map((p) => p.topic)).toEqual([
      'drift',
      'quarantine',
      'paused',
      'sync_freshness',
      'jobs',
    ])
    expect(personaBriefing('coo', state, now)[0]?.text).toBe(
      'Jobs in the last 7 days: 40 succeeded, 3 failed; 1 job is dead, waiting for a replay.',
    )
  })

  it('names the connections behind a figure: stale syncs, quarantine, paused streams', () => {
    const [drift, quarantine, paused, freshness] = personaBriefing('data_engineer', state, now)
    expect(drift?.text).toBe('Schema drift in the last 7 days: 2 breaking changes and 5 non-breaking changes.')
    expect(quarantine?.text).toBe('4 records in quarantine, in CRM exports.')
    expect(paused?.text).toBe('1 stream paused, in Billing DB.')
    expect(freshness?.text).toBe('2 of 3 connections not synced in the last 24 hours: Billing DB, Notes.')
  })

  it('says when there is nothing, and when LLM usage cannot be read', () => {
    const empty: TenantState = { ...state, connections: [], llm: null, jobs: { succeeded: 0, failed: 0, dead: 0 } }
    expect(personaBriefing('cro', empty, now).map((p) => p.text)).toEqual([
      'No source is connected yet.',
      '0 records stored from 0 connections.',
      'No record is in quarantine.',
    ])
    expect(personaBriefing('cto', empty, now)[0]?.text).toMatch(/cannot be read right now/)
  })
})
