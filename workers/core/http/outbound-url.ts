// URLs a tenant gives us and the Worker then calls (webhooks, SaaS APIs): public https hosts only, so
// a URL cannot aim the platform at internal services. Loopback http is allowed in development and
// tests, where the vendors are local stand-ins. Database URLs use the same host rule (aam/database-url.ts).
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']
const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.internal|0\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|127\.\d+\.\d+\.\d+|169\.254\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+|\[.*\])$/

/** Hosts as the WHATWG URL parser gives them (lower case, IPv4 in dotted form, IPv6 in brackets). */
export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.includes(hostname)
// A trailing dot names the same host (`localhost.`), so it must not slip past the check.
export const isPrivateHost = (hostname: string) => PRIVATE_HOST.test(hostname.replace(/\.+$/, ''))

export const NOT_PUBLIC = 'must be a public host, not a private address'

export type CheckedUrl = { ok: true; url: URL } | { ok: false; reason: string }

export function checkOutboundUrl(raw: string, allowLoopback: boolean): CheckedUrl {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'is not a URL' }
  }
  if (allowLoopback && url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url }
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https:// URL' }
  if (isPrivateHost(url.hostname)) return { ok: false, reason: NOT_PUBLIC }
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' }
  return { ok: true, url }
}
