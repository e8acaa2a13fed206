// redact / reidentify: overlaps resolved, one placeholder per value within a request, and the answer
// restored for the caller.
import { describe, expect, it } from 'vitest'
import { detectPii } from '../../../workers/core/nlp/redaction/detect.ts'
import { span } from '../../../workers/core/nlp/redaction/pii-types.ts'
import { emptyRedactionMap, RedactionMapSchema } from '../../../workers/core/nlp/redaction/placeholders.ts'
import { redact, reidentify } from '../../../workers/core/nlp/redaction/redact.ts'
import { resolveOverlaps } from '../../../workers/core/nlp/redaction/resolve-overlaps.ts'

describe('overlap resolution', () => {
  it('keeps the higher-priority type, then the longer span, and returns text order', () => {
    const kept = resolveOverlaps([
      span(0, 10, 'PERSON', 0.9),
      span(5, 20, 'PHONE', 0.5),
      span(8, 24, 'CREDIT_CARD', 0.99),
      span(30, 35, 'PERSON', 0.5),
      span(30, 40, 'PERSON', 0.5),
      span(26, 29, 'EMAIL', 1),
    ])
    // The card (priority 5) beats the phone (2) and then the person it overlaps; the longer of two
    // persons wins.
    expect(kept.map((s) => `${s.type}:${s.start}-${s.end}`)).toEqual([
      'CREDIT_CARD:8-24',
      'EMAIL:26-29',
      'PERSON:30-40',
    ])
  })

  it('never returns overlapping spans', () => {
    const text = 'Mail ada.lovelace@example.com or call +44 20 7946 0958; card 4111 1111 1111 1111, Ada Lovelace.'
    const spans = detectPii(text)
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0)
    expect(spans.map((s) => s.type)).toEqual(['EMAIL', 'PHONE', 'CREDIT_CARD', 'PERSON'])
  })

  it('lets an email address keep the name inside it', () => {
    const text = 'Write to Sophie Müller at sophie.mueller@example.de.'
    expect(detectPii(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)).toEqual([
      'PERSON:Sophie Müller',
      'EMAIL:sophie.mueller@example.de',
    ])
  })
})

describe('redact', () => {
  it('replaces each value with a typed placeholder, the same value with the same one', () => {
    const text =
      'Sophie Müller (sophie@example.de, +49 30 901820) asked Lars Øberg to call Sophie Müller on +49 30 901 820.'
    const { text: out, map } = redact(text)
    expect(out).toBe('<PERSON_1> (<EMAIL_1>, <PHONE_1>) asked <PERSON_2> to call <PERSON_1> on <PHONE_1>.')
    expect(map.values).toEqual({
      '<PERSON_1>': 'Sophie Müller',
      '<EMAIL_1>': 'sophie@example.de',
      '<PHONE_1>': '+49 30 901820',
      '<PERSON_2>': 'Lars Øberg',
    })
  })

  it('shares one map across the texts of a request, and a new map starts again', () => {
    const map = emptyRedactionMap()
    const a = redact('Contact Priya Raghunathan today.', { map })
    const b = redact('Priya Raghunathan and Tomasz Wróblewski agreed.', { map })
    expect(a.text).toBe('Contact <PERSON_1> today.')
    expect(b.text).toBe('<PERSON_1> and <PERSON_2> agreed.')
    expect(redact('Tomasz Wróblewski agreed.').text).toBe('<PERSON_1> agreed.')
  })

  it('round-trips through reidentify, leaving placeholders it does not know', () => {
    const text = 'Card 4111 1111 1111 1111 belongs to Kofi Mensah, IBAN GB82 WEST 1234 5698 7654 32, SSN 536-90-4399.'
    const { text: redacted, map } = redact(text)
    expect(redacted).not.toMatch(/4111|Kofi|GB82|536-90/)
    expect(reidentify(redacted, map)).toBe(text)
    const answer = 'I have blocked <CREDIT_CARD_1> for <PERSON_1>; <PERSON_7> is unknown.'
    expect(reidentify(answer, map)).toBe('I have blocked 4111 1111 1111 1111 for Kofi Mensah; <PERSON_7> is unknown.')
  })

  it('keeps a map that survives JSON and the schema', () => {
    const { map } = redact('Mail ada@example.com about server 10.1.2.3 and key AKIAIOSFODNN7EXAMPLE.')
    const again = RedactionMapSchema.parse(JSON.parse(JSON.stringify(map)))
    expect(again).toEqual(map)
    expect(Object.keys(map.values)).toEqual(['<EMAIL_1>', '<IP_ADDRESS_1>', '<SECRET_1>'])
  })

  it('takes known names from the caller', () => {
    const { text } = redact('Please ask qwerty xylo about the renewal.', { knownNames: ['Qwerty Xylo'] })
    expect(text).toBe('Please ask <PERSON_1> about the renewal.')
  })

  it('can be limited to some types', () => {
    const { text } = redact('Ada Lovelace, ada@example.com', { types: ['EMAIL'] })
    expect(text).toBe('Ada Lovelace, <EMAIL_1>')
  })
})
