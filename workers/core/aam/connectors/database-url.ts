// A database URL a tenant gives us (Postgres, MongoDB) follows the host rule of the HTTP connectors
// (http/outbound-url.ts): every host the driver would dial must be public. ALLOW_LOOPBACK_URLS lets
// loopback through for development and tests, where the databases are local; private ranges never.
// Hosts are read as loosely as the drivers read them (a comma-separated list, percent-decoded, IPv4 in
// any notation), so no spelling of a private address slips past.
import { isLoopbackHost, isPrivateHost, NOT_PUBLIC } from '../../http/outbound-url.ts'

export type DatabaseKind = 'postgres' | 'mongodb'

const SCHEMES: Record<DatabaseKind, { pattern: RegExp; reason: string }> = {
  postgres: { pattern: /^postgres(ql)?:\/\//i, reason: 'must be a postgres:// or postgresql:// URL' },
  mongodb: { pattern: /^mongodb(\+srv)?:\/\//i, reason: 'must be a mongodb:// or mongodb+srv:// URL' },
}
// Characters that would let a driver and this check read different hosts out of the same text.
const AMBIGUOUS = /[\s/?#@\\%]/
const NO_HOST = 'must name its hosts as host or host:port, separated by commas'

export type CheckedDatabaseUrl = { ok: true } | { ok: false; reason: string }

/** One `host[:port]` as the WHATWG parser normalises its host (`0x7f.1` is 127.0.0.1), or null. */
function hostOf(entry: string): string | null {
  if (entry === '' || AMBIGUOUS.test(entry)) return null
  try {
    return new URL(`https://${entry}`).hostname
  } catch {
    return null
  }
}

function refusal(entry: string, allowLoopback: boolean): string | null {
  const host = hostOf(entry)
  if (host === null) return NO_HOST
  if (allowLoopback && isLoopbackHost(host)) return null
  return isPrivateHost(host) ? NOT_PUBLIC : null
}

/** Hosts a MongoDB URL's options add: a SOCKS5 proxy, or a wider set of names SRV records may give. */
function mongoOptionRefusal(query: string, allowLoopback: boolean): string | null {
  for (const [key, value] of new URLSearchParams(query)) {
    const name = key.toLowerCase()
    if (name === 'proxyhost' && refusal(value, allowLoopback)) return 'must name a public proxyHost'
    // Without it the driver only takes SRV answers under the URL's own domain: names, not addresses.
    if (name === 'srvallowedhostssuffix') return 'must not set srvAllowedHostsSuffix'
  }
  return null
}

/** Whether the platform may dial the database at `raw`; the reason is worded to follow the field name. */
export function checkDatabaseUrl(kind: DatabaseKind, raw: string, allowLoopback: boolean): CheckedDatabaseUrl {
  const scheme = SCHEMES[kind]
  const prefix = scheme.pattern.exec(raw)?.[0]
  if (!prefix) return { ok: false, reason: scheme.reason }
  const rest = raw.slice(prefix.length)
  const authority = rest.split(/[/?#]/, 1)[0] ?? ''
  const at = authority.lastIndexOf('@')
  if (authority.indexOf('@') !== at) return { ok: false, reason: 'must percent-encode @ in the user name and password' }
  let hosts: string
  try {
    hosts = decodeURIComponent(authority.slice(at + 1))
  } catch {
    return { ok: false, reason: NO_HOST }
  }
  for (const entry of hosts.split(',')) {
    const reason = refusal(entry, allowLoopback)
    if (reason) return { ok: false, reason }
  }
  const query = rest.includes('?') ? (rest.slice(rest.indexOf('?') + 1).split('#')[0] ?? '') : ''
  const reason = kind === 'mongodb' ? mongoOptionRefusal(query, allowLoopback) : null
  return reason ? { ok: false, reason } : { ok: true }
}
