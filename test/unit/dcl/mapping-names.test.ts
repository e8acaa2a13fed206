// Names a user would recognise as the same field: case and separators, abbreviations, synonyms,
// glued words and other languages.
import { describe, expect, it } from 'vitest'
import { matchSchemas } from '../../../workers/core/dcl/mapping/match-schemas.ts'
import { ACCOUNT, CONTACT, f, OPPORTUNITY, pairs } from './mapping-helpers.ts'

describe('schema matching: names', () => {
  it('reads case, separators, camelCase, glued words and dotted paths alike', () => {
    const got = pairs({
      source: [
        f('ContactID'),
        f('FIRSTNAME'),
        f('last-name'),
        f('EmailAddress'),
        f('address.PostalCode'),
        f('createdate', 'timestamp'),
      ],
      target: CONTACT,
    })
    expect(got).toEqual({
      ContactID: 'contact_id',
      FIRSTNAME: 'first_name',
      'last-name': 'last_name',
      EmailAddress: 'email',
      'address.PostalCode': 'mailing_address.postal_code',
      createdate: 'created_at',
    })
  })

  it('expands abbreviations (amt, tel, no, dt, addr)', () => {
    const got = pairs({
      source: [f('opp_no'), f('amt', 'number'), f('curr'), f('close_dt', 'date'), f('prob_pct', 'number')],
      target: OPPORTUNITY,
    })
    expect(got).toMatchObject({ amt: 'amount', curr: 'currency', close_dt: 'close_date', prob_pct: 'probability' })
    const contact = pairs({ source: [f('tel'), f('addr_city'), f('addr_zip')], target: CONTACT })
    expect(contact).toEqual({
      tel: 'phone',
      addr_city: 'mailing_address.city',
      addr_zip: 'mailing_address.postal_code',
    })
  })

  it('knows synonyms: a deal value is the amount, a note the description, confidence the probability', () => {
    const got = pairs({
      source: [f('deal_id'), f('deal_name'), f('value', 'number'), f('confidence', 'integer', [40, 90]), f('phase')],
      target: OPPORTUNITY,
    })
    expect(got).toEqual({
      deal_id: 'opportunity_id',
      deal_name: 'name',
      value: 'amount',
      confidence: 'probability',
      phase: 'stage',
    })
  })

  it('reads German, French, Spanish, Portuguese, Italian and Dutch CRM headers', () => {
    const exports: Array<Record<string, string>> = [
      {
        Vorname: 'first_name',
        Nachname: 'last_name',
        Postleitzahl: 'mailing_address.postal_code',
        'Erstellt am': 'created_at',
      },
      { Prénom: 'first_name', 'Code postal': 'mailing_address.postal_code', 'Téléphone portable': 'mobile_phone' },
      { 'Correo electrónico': 'email', Apellidos: 'last_name', 'Fecha de creación': 'created_at' },
      { Cidade: 'mailing_address.city', 'Data de nascimento': 'birthdate', Celular: 'mobile_phone' },
      { Cognome: 'last_name', Indirizzo: 'mailing_address.street', CAP: 'mailing_address.postal_code' },
      { Achternaam: 'last_name', Woonplaats: 'mailing_address.city', 'Gewijzigd op': 'updated_at' },
    ]
    for (const expected of exports) {
      const source = Object.keys(expected).map((p) => f(p))
      expect(pairs({ source, target: CONTACT })).toEqual(expected)
    }
  })

  it('reads a bare name beside a first name as the family name (Nom + Prénom), and as the full name otherwise', () => {
    expect(pairs({ source: [f('Nom'), f('Prénom'), f('E-mail')], target: CONTACT })).toEqual({
      Nom: 'last_name',
      Prénom: 'first_name',
      'E-mail': 'email',
    })
    expect(pairs({ source: [f('Name'), f('FirstName'), f('LastName')], target: CONTACT })).toMatchObject({
      Name: 'full_name',
    })
  })

  it('maps an account name to the name and an account id to the id', () => {
    const got = pairs({
      source: [f('Account_ID'), f('Account_Name'), f('Umsatz', 'number'), f('Branche')],
      target: ACCOUNT,
    })
    expect(got).toEqual({
      Account_ID: 'account_id',
      Account_Name: 'name',
      Umsatz: 'annual_revenue',
      Branche: 'industry',
    })
  })

  it('explains each suggestion in words and gives a confidence in 0..1', () => {
    const [s] = matchSchemas({
      source: [f('Billing_City', 'string', ['Oakland', 'Los Angeles'])],
      target: ACCOUNT,
    }).suggestions
    expect(s?.target).toBe('billing_address.city')
    expect(s?.confidence).toBeGreaterThan(0.7)
    expect(s?.confidence).toBeLessThanOrEqual(1)
    expect(s?.evidence.join('; ')).toMatch(/name tokens match 'billing city'/)
  })
})
