import { z } from '@hono/zod-openapi'

const SLACK_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com']
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

/** Only Slack's webhook hosts over https (plus loopback in development), so the URL cannot aim at internal services. */
export function checkWebhookUrl(
  raw: string,
  allowLoopback: boolean,
): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'is not a URL' }
  }
  if (allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)) return { ok: true, url }
  if (url.protocol !== 'https:' || !SLACK_HOSTS.includes(url.hostname) || !url.pathname.startsWith('/services/')) {
    return { ok: false, reason: 'must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…)' }
  }
  return { ok: true, url }
}

/** What the API shows of a stored webhook: enough to recognise it, not enough to use it. */
export function webhookHint(url: URL): string {
  const path = url.pathname
  return `${url.protocol}//${url.host}${path.slice(0, Math.min(path.length, 12))}…${path.slice(-4)}`
}

export const SlackSettings = z
  .object({
    configured: z.boolean(),
    webhook_hint: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('SlackSettings')

export const PutSlackBody = z
  .object({
    webhook_url: z.string().min(1).max(500).openapi({ example: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
  })
  .openapi('PutSlackSettingsRequest')

export const SlackTestBody = z
  .object({ text: z.string().trim().min(1).max(3000).default('AutonomOS test notification: Slack is connected.') })
  .openapi('SlackTestRequest')
