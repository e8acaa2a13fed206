import { type PiiSpan, span } from '../pii-types.ts'
import { wordsBefore } from './context.ts'

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
// Not part of a longer dotted run (1.2.3.4.5 is a version, an OID or a section number), nor the dotted
// tail of an IPv6 address (::ffff:192.0.2.1).
const IPV4 = new RegExp(
  `(?<![\\p{L}\\p{N}_.]|\\d\\.|[0-9A-Fa-f]:)${OCTET}(?:\\.${OCTET}){3}(?![\\p{L}\\p{N}_]|\\.\\d)`,
  'gu',
)
// Hex groups and colons (and a trailing dotted quad); validated by parseIpv6 below.
const IPV6_CANDIDATE =
  /(?<![\p{L}\p{N}_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\p{L}\p{N}_:]|\.\d)/gu

const VERSION_WORDS = new Set(['version', 'v', 'ver', 'release', 'build', 'oid', 'section', 'chapter'])

/** Whether `value` is an IPv6 address in any RFC 4291 / RFC 5952 text form (zone ids not included). */
export function isIpv6(value: string): boolean {
  if (!value.includes(':')) return false
  let head = value
  let tailGroups = 0
  const dotted = /:((?:\d{1,3}\.){3}\d{1,3})$/.exec(value)
  if (dotted) {
    const quad = (dotted[1] as string).split('.')
    if (!quad.every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')))) return false
    head = value.slice(0, value.length - (dotted[1] as string).length)
    tailGroups = 2
    if (!head.endsWith('::')) head = head.slice(0, -1)
  }
  const halves = head.split('::')
  if (halves.length > 2) return false
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const left = groups(halves[0] ?? '')
  const right = halves.length === 2 ? groups(halves[1] ?? '') : []
  const all = [...left, ...right]
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
  const count = all.length + tailGroups
  return halves.length === 2 ? count <= 7 : count === 8
}

/** IPv4 (dotted quad, each octet 0–255) and IPv6 addresses. */
export function detectIpAddresses(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const m of /\d\.\d/.test(text) ? text.matchAll(IPV4) : []) {
    const near = wordsBefore(text, m.index, 12)
    if (near.some((w) => VERSION_WORDS.has(w))) continue
    out.push(span(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.95))
  }
  for (const m of text.includes(':') ? text.matchAll(IPV6_CANDIDATE) : []) {
    const value = m[0]
    // At least two hex digits, so a run of colons or a clock time (12:30:45 has no ::) is never taken.
    if ((value.match(/[0-9A-Fa-f]/g) ?? []).length < 2) continue
    if (!isIpv6(value)) continue
    out.push(span(m.index, m.index + value.length, 'IP_ADDRESS', 0.95))
  }
  return out
}
