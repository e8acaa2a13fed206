import { describe, expect, it } from 'vitest'
import { matchesTypes } from '../../../workers/core/events/cloud-event.ts'
import { isFlagName, resolveFlag } from '../../../workers/core/flags/registry.ts'
import { decodeCursor, encodeCursor } from '../../../workers/core/http/keyset-cursor.ts'
import { afterFailure, cancelDecision, retryDelaySeconds } from '../../../workers/core/jobs/lifecycle.ts'
import { canonicalJson } from '../../../workers/core/json/canonical.ts'
import { checkWebhookUrl, webhookHint } from '../../../workers/core/notifications/slack-webhook.ts'

describe('flags', () => {
  it('resolves tenant override > global default > code default', () => {
    expect(resolveFlag('USE_AAM_AS_SOURCE', null, null)).toMatchObject({ value: false, source: 'default' })
    expect(resolveFlag('USE_AAM_AS_SOURCE', true, null)).toMatchObject({ value: true, source: 'global' })
    expect(resolveFlag('USE_AAM_AS_SOURCE', true, false)).toMatchObject({ value: false, source: 'tenant' })
    expect(isFlagName('USE_AAM_AS_SOURCE')).toBe(true)
    expect(isFlagName('toString')).toBe(false)
  })
})

describe('job lifecycle', () => {
  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 5))).toEqual([5, 10, 20, 40])
    expect(retryDelaySeconds(30, 5)).toBe(900)
    expect(retryDelaySeconds(3, 0)).toBe(0)
  })

  it('retries until max attempts, then dead-letters', () => {
    expect(afterFailure(1, 3)).toBe('retry')
    expect(afterFailure(3, 3)).toBe('dead')
  })

  it('cancels waiting jobs at once, asks running ones, refuses finished ones', () => {
    expect(cancelDecision('queued')).toBe('cancel_now')
    expect(cancelDecision('failed')).toBe('cancel_now')
    expect(cancelDecision('running')).toBe('request_cancel')
    for (const s of ['succeeded', 'dead', 'cancelled'] as const) expect(cancelDecision(s)).toBe('already_final')
  })

  it('round-trips cursors and rejects forged ones', () => {
    const at = new Date('2026-11-25T04:00:00.123Z')
    const id = '3e43bab7-04de-4338-bd7e-8eb39e012621'
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ createdAt: at, id })
    expect(decodeCursor('garbage')).toBeNull()
    expect(decodeCursor(btoa('2026-01-01|1; drop table jobs'))).toBeNull()
  })
})

describe('event type filters', () => {
  it('match exact types and families; an empty filter matches all', () => {
    expect(matchesTypes('aos.job.dead', ['aos.job.*'])).toBe(true)
    expect(matchesTypes('aos.flag.changed', ['aos.job.*'])).toBe(false)
    expect(matchesTypes('aos.flag.changed', ['aos.flag.changed'])).toBe(true)
    expect(matchesTypes('aos.flag.changed', [])).toBe(true)
  })
})

describe('canonical JSON', () => {
  it('ignores key order at every depth, not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }))
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })
})

describe('Slack webhook URLs', () => {
  it('accepts only Slack hosts over https, loopback only when allowed', () => {
    expect(checkWebhookUrl('https://hooks.slack.com/services/T0/B0/xyz', false).ok).toBe(true)
    expect(checkWebhookUrl('http://hooks.slack.com/services/T0/B0/xyz', false).ok).toBe(false)
    expect(checkWebhookUrl('https://hooks.slack.com.evil.io/services/x', false).ok).toBe(false)
    expect(checkWebhookUrl('http://169.254.169.254/latest', true).ok).toBe(false)
    expect(checkWebhookUrl('http://127.0.0.1:9/slack/services/x', false).ok).toBe(false)
    expect(checkWebhookUrl('http://127.0.0.1:9/slack/services/x', true).ok).toBe(true)
  })

  it('hints at a webhook without revealing its secret path', () => {
    const hint = webhookHint(new URL('https://hooks.slack.com/services/T0AAAA/B0BBBB/SECRETTOKENabcd'))
    expect(hint).toContain('hooks.slack.com')
    expect(hint.endsWith('abcd')).toBe(true)
    expect(hint).not.toContain('SECRETTOKEN')
  })
})
