/**
 * `npm run bench -- redact [--quick]`: throughput of the PII redactor (`redact`, every detector and the
 * placeholders) on 10 MB of synthetic support, CRM and e-mail text (1 MB with --quick), beside two
 * baselines measured in the same run on the same texts: the pattern detectors alone (no person names),
 * and a plain regex pass — one `String.prototype.replace` with a union of naive email, phone, card, SSN
 * and IP patterns, the least a redactor costs. Prints one JSON document.
 */
import { allFakers } from '@faker-js/faker'
import { detectPii } from '../../workers/core/nlp/redaction/detect.ts'
import type { PiiType } from '../../workers/core/nlp/redaction/pii-types.ts'
import { redact } from '../../workers/core/nlp/redaction/redact.ts'
import { progress, round } from './lib/stats.ts'

const quick = process.argv.includes('--quick')
const TARGET_BYTES = (quick ? 1 : 10) * 1024 * 1024

// Names, addresses and numbers from several locales, seeded so every run measures the same text.
const locales = ['en_US', 'en_GB', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'sv', 'da', 'fi', 'cs_CZ', 'hu', 'pt_BR', 'tr']
const fakers = locales.map((l) => allFakers[l as keyof typeof allFakers])
for (const [i, f] of fakers.entries()) f.seed(2026 + i)

const TEMPLATES: ReadonlyArray<(f: (typeof fakers)[number]) => string> = [
  (f) =>
    `Hi ${f.person.firstName()}, thanks for your call. I have updated the billing contact to ${f.person.fullName()} (${f.internet.email()}) and the phone number to ${f.phone.number()}. Let me know if anything else needs changing.`,
  (f) =>
    `Customer ${f.person.fullName()} reported that card ${f.finance.creditCardNumber()} was charged twice on ${f.date.recent().toISOString().slice(0, 10)}. Refund approved by ${f.person.lastName()}.`,
  (f) =>
    `Please wire the deposit to ${f.finance.iban({ formatted: true })} (account holder: ${f.person.fullName()}). Reference ${f.string.alphanumeric(10).toUpperCase()}.`,
  (f) =>
    `Login from ${f.internet.ipv4()} and ${f.internet.ipv6()} for user ${f.internet.username()} was blocked after five failed attempts; notified ${f.person.firstName()} in security.`,
  (f) =>
    `Meeting notes: ${f.person.fullName()}, ${f.person.fullName()} and ${f.person.firstName()} agreed to move the renewal of ${f.company.name()} to next quarter. Budget ${f.finance.amount()} ${f.finance.currencyCode()}.`,
  (f) =>
    `The shipment to ${f.location.streetAddress()}, ${f.location.city()} ${f.location.zipCode()} is delayed; the carrier will contact ${f.person.prefix()} ${f.person.lastName()} at ${f.phone.number({ style: 'international' })}.`,
  (f) =>
    `SSN on file for ${f.person.fullName()}: ${f.string.numeric(3)}-${f.string.numeric(2)}-${f.string.numeric(4)}. Please verify before the onboarding call with ${f.person.firstName()}.`,
  (f) =>
    `Our quarterly report shows revenue growth of ${f.number.int({ min: 2, max: 40 })}% across ${f.number.int({ min: 3, max: 90 })} regions, led by the ${f.commerce.department()} team and the launch of ${f.commerce.productName()}.`,
  (f) =>
    `From: ${f.person.fullName()} <${f.internet.email()}>\nTo: ${f.person.fullName()}\nSubject: ${f.company.catchPhrase()}\n\n${f.lorem.sentences(2)}\n\nBest,\n${f.person.firstName()}`,
  (f) => `${f.lorem.paragraph()} ${f.person.jobTitle()} ${f.location.country()}.`,
]

function corpus(): string[] {
  const texts: string[] = []
  let bytes = 0
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const f = fakers[i % fakers.length] as (typeof fakers)[number]
    const text = (TEMPLATES[(i * 7 + Math.floor(i / fakers.length)) % TEMPLATES.length] as (typeof TEMPLATES)[number])(
      f,
    )
    texts.push(text)
    bytes += Buffer.byteLength(text)
  }
  return texts
}

// The naive redactor: no checksums, no context, no names.
const NAIVE = new RegExp(
  [
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw`\b(?:\d[ -]?){13,19}\b`,
    String.raw`\b\d{3}-\d{2}-\d{4}\b`,
    String.raw`\b(?:\d{1,3}\.){3}\d{1,3}\b`,
    String.raw`\+?\d[\d ().-]{7,}\d`,
  ].join('|'),
  'g',
)

function measure(texts: readonly string[], bytes: number, run: (text: string) => unknown) {
  for (const text of texts.slice(0, Math.min(500, texts.length))) run(text)
  const started = process.hrtime.bigint()
  for (const text of texts) run(text)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return {
    seconds: round(seconds, 3),
    texts_per_s: Math.round(texts.length / seconds),
    mb_per_s: round(bytes / 1024 / 1024 / seconds, 2),
  }
}

progress(`building ${TARGET_BYTES / 1024 / 1024} MB of synthetic text`)
const texts = corpus()
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)
const patternTypes: PiiType[] = ['SECRET', 'EMAIL', 'IBAN', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS', 'PHONE']

progress('plain regex pass')
const regex = measure(texts, bytes, (t) => t.replace(NAIVE, '<PII>'))
progress('pattern detectors only')
const patterns = measure(texts, bytes, (t) => detectPii(t, { types: patternTypes }))
progress('redact (all detectors, person names, placeholders)')
const redactor = measure(texts, bytes, (t) => redact(t))
const found: Record<string, number> = {}
for (const t of texts.slice(0, 2000)) for (const s of detectPii(t)) found[s.type] = (found[s.type] ?? 0) + 1

console.log(
  JSON.stringify(
    {
      benchmark: 'redact',
      corpus: { texts: texts.length, mb: round(bytes / 1024 / 1024, 2), avg_chars: Math.round(bytes / texts.length) },
      redact: redactor,
      pattern_detectors_only: patterns,
      plain_regex_replace: regex,
      redact_vs_regex: round(redactor.mb_per_s / regex.mb_per_s, 3),
      spans_in_first_2000_texts: found,
    },
    null,
    2,
  ),
)
