import { describe, expect, it } from 'vitest'
import { checkOutboundUrl } from '../../../workers/core/http/outbound-url.ts'
import { checkWebhookUrl } from '../../../workers/core/notifications/slack-webhook.ts'

const reasonOf = (raw: string, allowLoopback = false) => {
  const checked = checkOutboundUrl(raw, allowLoopback)
  return checked.ok ? 'ok' : checked.reason
}

const PRIVATE = 'must be a public host, not a private address'

describe('checkOutboundUrl', () => {
  it('accepts a public https URL and gives it back parsed', () => {
    const checked = checkOutboundUrl('https://acme.my.salesforce.com/services/oauth2/token?x=1', false)
    expect(checked.ok).toBe(true)
    if (checked.ok) {
      expect(checked.url.hostname).toBe('acme.my.salesforce.com')
      expect(checked.url.pathname).toBe('/services/oauth2/token')
    }
    expect(reasonOf('https://8.8.8.8/')).toBe('ok')
    expect(reasonOf('https://172.32.0.1/')).toBe('ok')
    expect(reasonOf('https://100.128.0.1/')).toBe('ok')
    expect(reasonOf('https://example.com:8443/hook')).toBe('ok')
  })

  it('requires https', () => {
    expect(reasonOf('http://example.com/hook')).toBe('must be an https:// URL')
    expect(reasonOf('http://example.com/hook', true)).toBe('must be an https:// URL')
    expect(reasonOf('ftp://example.com/file')).toBe('must be an https:// URL')
    expect(reasonOf('file:///etc/passwd')).toBe('must be an https:// URL')
  })

  it('allows loopback http only when told to (development and tests)', () => {
    for (const url of ['http://127.0.0.1:8787/hook', 'http://localhost:9000/', 'http://[::1]:8787/']) {
      expect(reasonOf(url, true)).toBe('ok')
      expect(reasonOf(url, false)).toBe('must be an https:// URL')
    }
    // Only the loopback hosts themselves, and only over http.
    expect(reasonOf('http://127.0.0.2/', true)).toBe('must be an https:// URL')
    expect(reasonOf('http://10.0.0.1/', true)).toBe('must be an https:// URL')
    expect(reasonOf('https://127.0.0.1/', true)).toBe(PRIVATE)
  })

  it.each([
    ['10/8', 'https://10.0.0.1/'],
    ['10/8, top', 'https://10.255.255.255/'],
    ['172.16/12, bottom', 'https://172.16.0.1/'],
    ['172.16/12, top', 'https://172.31.255.254/'],
    ['192.168/16', 'https://192.168.1.10/'],
    ['169.254/16 (cloud metadata)', 'https://169.254.169.254/latest/meta-data/'],
    ['100.64/10 (carrier-grade NAT)', 'https://100.64.0.1/'],
    ['100.64/10, top', 'https://100.127.255.254/'],
    ['127/8', 'https://127.0.0.1/'],
    ['127/8, not .1', 'https://127.10.0.1/'],
    ['127/8, shorthand', 'https://127.1/'],
    ['127/8, as a decimal number', 'https://2130706433/'],
    ['127/8, in hex', 'https://0x7f000001/'],
    ['localhost', 'https://localhost/'],
    ['localhost, upper case', 'https://LOCALHOST:8443/'],
    ['a .localhost name', 'https://api.localhost/'],
    ['an .internal name', 'https://metadata.google.internal/'],
    ['an .internal name with a trailing dot', 'https://metadata.google.internal./'],
    ['localhost with a trailing dot', 'https://localhost./'],
    ['0.0.0.0 (this host)', 'https://0.0.0.0/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 unique local', 'https://[fd00::1]/'],
    ['IPv4-mapped IPv6', 'https://[::ffff:10.0.0.1]/'],
  ])('rejects a private host: %s', (_, url) => {
    expect(reasonOf(url)).toBe(PRIVATE)
    expect(reasonOf(url, true)).toBe(PRIVATE)
  })

  it('rejects credentials in the URL', () => {
    expect(reasonOf('https://user:secret@example.com/hook')).toBe('must not carry credentials')
    expect(reasonOf('https://user@example.com/hook')).toBe('must not carry credentials')
    expect(reasonOf('https://:secret@example.com/hook')).toBe('must not carry credentials')
  })

  it('says when the text is not a URL', () => {
    expect(reasonOf('')).toBe('is not a URL')
    expect(reasonOf('example.com/hook')).toBe('is not a URL')
    expect(reasonOf('https://')).toBe('is not a URL')
    expect(reasonOf('https://exa mple.com/')).toBe('is not a URL')
  })
})

// The main Slack cases are in flags-and-jobs.test.ts; these are the ones it does not cover.
describe('checkWebhookUrl (Slack incoming webhooks)', () => {
  const slackOnly = 'must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…)'
  const reason = (raw: string, allowLoopback = false) => {
    const checked = checkWebhookUrl(raw, allowLoopback)
    return checked.ok ? 'ok' : checked.reason
  }

  it('accepts the GovSlack host too', () => {
    expect(reason('https://hooks.slack-gov.com/services/T0/B0/xyz')).toBe('ok')
  })

  it('accepts only the /services/ path on the Slack hosts', () => {
    expect(reason('https://hooks.slack.com/workflows/T0/A0/xyz')).toBe(slackOnly)
    expect(reason('https://hooks.slack.com/')).toBe(slackOnly)
    expect(reason('https://slack.com/services/T0/B0/xyz')).toBe(slackOnly)
  })

  it('keeps "not a URL", and answers any other refusal with what a Slack URL looks like', () => {
    expect(reason('hooks.slack.com/services/x')).toBe('is not a URL')
    expect(reason('https://10.0.0.1/services/x')).toBe(slackOnly)
    expect(reason('https://user:pw@hooks.slack.com/services/T0/B0/xyz')).toBe(slackOnly)
  })
})
