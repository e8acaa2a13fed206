import { describe, expect, it } from 'vitest'
import { extractiveAnswer } from '../../../../workers/core/nlp/assistant/extractive-answer.ts'
import { DEFAULT_PERSONAS, effectivePersonas, routeQuestion } from '../../../../workers/core/nlp/assistant/personas.ts'

describe('routeQuestion', () => {
  it('routes by the subject words a question uses, quoting them as written', () => {
    expect(routeQuestion('Which renewals are at risk in the pipeline?')).toEqual({
      persona: 'cro',
      reason: "The question is about “renewals”, “pipeline”: the CRO's subject.",
    })
    expect(routeQuestion('Why did the Salesforce sync drift?')?.persona).toBe('data_engineer')
    expect(routeQuestion('How much did we spend on invoices?')?.persona).toBe('cfo')
    expect(routeQuestion('Is the API key encryption secure?')?.persona).toBe('cto')
    expect(routeQuestion('Which orders are late?')?.persona).toBe('coo')
  })

  it('falls back to the data engineer, saying so, when no persona’s words appear', () => {
    expect(routeQuestion('hello there')).toEqual({
      persona: 'data_engineer',
      reason: "No persona's subject words appear in the question, so the data engineer answers.",
    })
  })
})

describe('effectivePersonas', () => {
  it('applies a tenant’s edit field by field, keeps the rest default, and says which persona was changed', () => {
    const { personas, customised } = effectivePersonas(
      new Map([['cfo', { title: 'Finance lead', filter: { sourceKinds: ['pdf' as const] } }]]),
    )
    expect(personas.cfo).toEqual({
      ...DEFAULT_PERSONAS.cfo,
      title: 'Finance lead',
      filter: { sourceKinds: ['pdf'] },
    })
    expect(personas.cro).toEqual(DEFAULT_PERSONAS.cro)
    expect([...customised]).toEqual(['cfo'])
  })

  it('routes around a disabled persona, and to nobody when every persona is disabled', () => {
    const { personas } = effectivePersonas(new Map([['cfo', { enabled: false }]]))
    expect(routeQuestion('How much did we spend on invoices?', personas)?.persona).toBe('data_engineer')
    const noEngineer = effectivePersonas(new Map([['data_engineer', { enabled: false }]])).personas
    expect(routeQuestion('hello there', noEngineer)).toEqual({
      persona: 'cfo',
      reason: "No persona's subject words appear in the question, so the cfo answers.",
    })
    const none = effectivePersonas(
      new Map((['cfo', 'cro', 'coo', 'cto', 'data_engineer'] as const).map((id) => [id, { enabled: false }] as const)),
    ).personas
    expect(routeQuestion('How much did we spend on invoices?', none)).toBeUndefined()
  })
})

describe('extractiveAnswer', () => {
  const passages = [
    { n: 1, text: '# Refunds\n\nCustomers get 30 days. Gift cards are never refunded.' },
    { n: 2, text: '- Clearance items are not refunded either.\n- Shipping is free.' },
  ]

  it('quotes the sentences sharing most words with the question, each cited, best first', () => {
    // Sentences with no shared word ("Customers get 30 days.", "Shipping is free.") are left out.
    expect(extractiveAnswer('Are gift cards refunded?', passages)).toEqual({
      text: 'Gift cards are never refunded. [1] Clearance items are not refunded either. [2]',
      cited: [1, 2],
    })
  })

  it('quotes nothing, citing nothing, when no sentence shares a word with the question', () => {
    expect(extractiveAnswer('quantum chromodynamics', passages)).toEqual({ text: null, cited: [] })
  })
})
