import { type PiiSpan, span } from '../pii-types.ts'

// Local part: the unquoted atoms of RFC 5322 plus Unicode letters (RFC 6531); domain: dot-separated labels
// of letters, digits and inner hyphens, ending in an alphabetic TLD of two or more letters (or an IDN
// `xn--` label). Quoted local parts and address literals (`user@[192.0.2.1]`) are rare enough in prose to skip.
const EMAIL =
  /(?<![\p{L}\p{N}._%+\-'])[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})(?![\p{L}\p{N}-])/gu

/** Email addresses. */
export function detectEmails(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  if (!text.includes('@')) return out
  for (const m of text.matchAll(EMAIL)) {
    let value = m[0]
    // A quote or apostrophe that opens the address ('ada@example.com') belongs to the sentence.
    const lead = /^['`{|}~]+/.exec(value)?.[0].length ?? 0
    value = value.slice(lead)
    if (!value.includes('@') || value.startsWith('@')) continue
    out.push(span(m.index + lead, m.index + m[0].length, 'EMAIL', 0.99))
  }
  return out
}
