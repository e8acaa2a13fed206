import { describe, expect, it } from 'vitest'
import { connectionHealth, type HealthInput, type LatestSync } from '../../../workers/core/aam/health.ts'

const base: HealthInput = {
  draft: false,
  lastSyncedAt: null,
  nextSyncAt: null,
  latestSync: null,
  pausedStreams: 0,
  heldStreams: 0,
}
const sync = (over: Partial<LatestSync>): LatestSync => ({
  status: 'succeeded',
  attempts: 1,
  maxAttempts: 3,
  lastError: null,
  nextRunAt: null,
  ...over,
})
const synced = { lastSyncedAt: new Date('2026-12-01T10:00:00Z') }

describe('connection health', () => {
  it('is never synced before any sync, and healthy once one succeeded', () => {
    expect(connectionHealth(base)).toMatchObject({ state: 'never_synced', last_error: null, next_retry_at: null })
    expect(connectionHealth({ ...base, ...synced, latestSync: sync({}) })).toMatchObject({
      state: 'healthy',
      reason: 'The last sync succeeded.',
    })
  })

  it('tells a draft to get its credentials', () => {
    expect(connectionHealth({ ...base, draft: true }).reason).toMatch(/credentials/)
  })

  it('is failing, not never synced, when the only sync died after its attempts', () => {
    const dead = sync({ status: 'dead', attempts: 3, lastError: 'connection refused' })
    const health = connectionHealth({ ...base, latestSync: dead })
    expect(health).toEqual({
      state: 'failing',
      reason: 'The last sync failed 3 times and gave up. Fix the cause and sync again.',
      last_error: 'connection refused',
      next_retry_at: null,
    })
    // A schedule is the retry once the queue has given up.
    const scheduled = connectionHealth({ ...base, latestSync: dead, nextSyncAt: new Date('2026-12-01T11:00:00Z') })
    expect(scheduled.next_retry_at).toBe('2026-12-01T11:00:00.000Z')
    expect(scheduled.reason).toMatch(/schedule tries again/)
  })

  it('is failing with the queued retry while attempts are left, even after an earlier success', () => {
    const failed = sync({
      status: 'failed',
      attempts: 1,
      lastError: 'timeout',
      nextRunAt: new Date('2026-12-01T10:05:00Z'),
    })
    expect(connectionHealth({ ...base, ...synced, latestSync: failed })).toEqual({
      state: 'failing',
      reason: 'The last sync failed (attempt 1 of 3); it is retried automatically 2 more times.',
      last_error: 'timeout',
      next_retry_at: '2026-12-01T10:05:00.000Z',
    })
  })

  it('needs review, not healthy, while breaking drift is held', () => {
    const health = connectionHealth({ ...base, ...synced, latestSync: sync({}), heldStreams: 2 })
    expect(health.state).toBe('needs_review')
    expect(health.reason).toBe(
      'Breaking drift on 2 streams is held for review; its records wait until you accept or reject it.',
    )
  })

  it('ranks failing over review over paused over syncing', () => {
    const all = { ...base, ...synced, heldStreams: 1, pausedStreams: 1 }
    expect(connectionHealth({ ...all, latestSync: sync({ status: 'dead' }) }).state).toBe('failing')
    expect(connectionHealth({ ...all, latestSync: sync({ status: 'running' }) }).state).toBe('needs_review')
    expect(connectionHealth({ ...all, heldStreams: 0, latestSync: sync({ status: 'queued' }) }).state).toBe('paused')
    expect(connectionHealth({ ...base, latestSync: sync({ status: 'running' }) })).toMatchObject({
      state: 'syncing',
      reason: 'A sync is running.',
    })
  })

  it('recovers: a success after a dead sync is healthy again', () => {
    expect(connectionHealth({ ...base, ...synced, latestSync: sync({ status: 'succeeded' }) }).state).toBe('healthy')
  })
})
