// Email addresses, phone numbers and web domains as keys: the same mailbox, line or company site
// written differently compares equal.

/** Providers whose addresses say nothing about the holder's organisation. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.com.au',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.ru',
  'qq.com',
  '163.com',
  'bigpond.com',
  'zoho.com',
])

export type NormalisedEmail = { readonly address: string; readonly domain: string }

/** Lower case, "+tag" dropped; Gmail ignores dots in the local part, so they are dropped there too. */
export function normaliseEmail(raw: string): NormalisedEmail | undefined {
  const m = /^\s*(?:mailto:)?([^\s@<>]+)@([^\s@<>]+?)\.?\s*$/i.exec(raw.replace(/^.*<(.+)>.*$/, '$1'))
  if (!m) return undefined
  const domain = (m[2] ?? '').toLowerCase()
  let local = (m[1] ?? '').toLowerCase().replace(/\+.*$/, '')
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replace(/\./g, '')
  if (local === '' || !domain.includes('.')) return undefined
  return { address: `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`, domain }
}

/** A web domain without scheme, "www.", port or path: "https://www.Acme.com/about" → "acme.com". */
export function normaliseDomain(raw: string): string | undefined {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\d*\./, '')
    .replace(/\.$/, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined
}

/** The organisation's own domain an email address reveals, or undefined for free-mail providers. */
export function organisationDomain(email: NormalisedEmail): string | undefined {
  return FREE_MAIL.has(email.domain) ? undefined : email.domain
}

/**
 * The significant digits of a phone number: separators, an extension and a leading trunk or international
 * prefix dropped, so "+61 2 9876 5432" and "(02) 9876-5432" end alike (comparisons use the last digits).
 */
export function normalisePhone(raw: string): string | undefined {
  const digits = raw
    .toLowerCase()
    .replace(/(ext|x|#).*$/, '')
    .replace(/\D/g, '')
  return digits.length >= 6 ? digits.replace(/^0+/, '') : undefined
}
