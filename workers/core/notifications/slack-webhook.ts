import { type CheckedUrl, checkOutboundUrl } from '../http/outbound-url.ts'

const SLACK_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com']

/** Only Slack's webhook hosts over https (plus loopback in development). */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): CheckedUrl {
  const checked = checkOutboundUrl(raw, allowLoopback)
  if (!checked.ok) return checked.reason === 'is not a URL' ? checked : slackOnly
  const { url } = checked
  if (url.protocol === 'http:') return checked // loopback, allowed for the local stand-in
  return SLACK_HOSTS.includes(url.hostname) && url.pathname.startsWith('/services/') ? checked : slackOnly
}

const slackOnly: CheckedUrl = {
  ok: false,
  reason: 'must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…)',
}

/** What the API shows of a stored webhook: enough to recognise it, not enough to use it. */
export function webhookHint(url: URL): string {
  const path = url.pathname
  return `${url.protocol}//${url.host}${path.slice(0, Math.min(path.length, 12))}…${path.slice(-4)}`
}
