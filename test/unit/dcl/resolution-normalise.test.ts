// The normalisations entity resolution compares by: the same value written another way must compare equal.
import { describe, expect, it } from 'vitest'
import {
  normalisePostcode,
  normaliseRegion,
  normaliseStreet,
  splitHouseNumber,
  splitLocality,
} from '../../../workers/core/dcl/resolution/address.ts'
import { compareDates, compareNames } from '../../../workers/core/dcl/resolution/compare.ts'
import { normaliseDomain, normaliseEmail, normalisePhone } from '../../../workers/core/dcl/resolution/contact.ts'
import { inferDayMonthOrder, parseDate } from '../../../workers/core/dcl/resolution/dates.ts'
import { inferSourceLayouts } from '../../../workers/core/dcl/resolution/layout.ts'
import { organisationWords, personNameWords } from '../../../workers/core/dcl/resolution/names.ts'
import { nysiis, soundex } from '../../../workers/core/dcl/resolution/phonetic.ts'
import { prepareRecord } from '../../../workers/core/dcl/resolution/prepare.ts'
import { PERSON_FIELD_ROLES } from '../../../workers/core/dcl/resolution/roles.ts'
import { editDistance, jaroWinkler, tokenSetSimilarity } from '../../../workers/core/dcl/resolution/similarity.ts'
import { foldText, isPresent } from '../../../workers/core/dcl/resolution/text.ts'

describe('dates', () => {
  it.each([
    '1970-01-25',
    '19700125',
    '25/01/1970',
    '01/25/1970',
    '25 Jan 1970',
    '25th January 1970',
    'January 25, 1970',
    '25-JAN-70',
    '1970/1/25',
    '1970-01-25T08:30:00Z',
    '19700125.0',
  ])('reads %s as 25 January 1970', (raw) => {
    expect(parseDate(raw)).toEqual({ readings: ['19700125'], year: 1970 })
  })

  it('keeps both readings of an ambiguous day and month, unless the source order is known', () => {
    expect(parseDate('03/04/1970')?.readings).toEqual(['19700403', '19700304'])
    expect(parseDate('03/04/1970', { order: 'dmy' })?.readings).toEqual(['19700403'])
    expect(parseDate('03/04/1970', { order: 'mdy' })?.readings).toEqual(['19700304'])
  })

  it('learns a source’s day/month order from its unambiguous dates', () => {
    expect(inferDayMonthOrder(['03/04/1970', '25/12/1981', '07/08/1990'])).toBe('dmy')
    expect(inferDayMonthOrder(['03/04/1970', '12/25/1981'])).toBe('mdy')
    expect(inferDayMonthOrder(['03/04/1970', '05/06/1971'])).toBeUndefined()
  })

  it('compares an ambiguous date with the reading that agrees, and a typo as one digit off', () => {
    const ambiguous = parseDate('03/04/1970')
    const iso = parseDate('1970-03-04')
    const typo = parseDate('1970-03-07')
    if (!ambiguous || !iso || !typo) throw new Error('unparsed')
    expect(compareDates(ambiguous, iso)).toBe(0)
    expect(compareDates(iso, typo)).toBe(2)
  })

  it('keeps both centuries of a two-digit year that could be either', () => {
    expect(parseDate('05/01/25', { order: 'dmy' })?.readings).toEqual(['20250105', '19250105'])
    expect(parseDate('05/01/70', { order: 'dmy' })?.readings).toEqual(['19700105'])
  })

  it('is no date for text that is none, and keeps the digits of an impossible one', () => {
    expect(parseDate('unknown')).toBeUndefined()
    expect(parseDate('')).toBeUndefined()
    expect(parseDate('1973-13-29')?.readings).toEqual(['19731329'])
  })
})

describe('names', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText("  O'Brien-Müller ")).toBe('obrien muller')
    expect(foldText('SØREN Æbeltoft')).toBe('soren aebeltoft')
    expect(personNameWords('Dr. John A. Smith Jr.')).toEqual(['john', 'a', 'smith'])
  })

  it('reads placeholders as missing, but not names that look like them', () => {
    for (const blank of ['', '  ', 'NULL', 'N/A', 'n.a.', '-', 'unknown', 'NaN', null])
      expect(isPresent(blank)).toBe(false)
    for (const name of ['Na', 'Nan', 'Nancy', 'Nilsson', 'O']) expect(isPresent(name)).toBe(true)
  })

  it('gives names that sound alike one phonetic code', () => {
    expect(soundex('smith')).toBe(soundex('smyth'))
    expect(soundex('robert')).toBe('R163')
    expect(nysiis('christopher')).toBe(nysiis('kristofer'))
    expect(nysiis('phillips')).toBe(nysiis('filips'))
  })

  it('grades name agreement: exact, typo or nickname, sound-alike, initial, different', () => {
    const name = (s: string) => {
      const words = personNameWords(s)
      const compact = words.join('')
      return { text: words.join(' '), compact, words, nysiis: nysiis(compact), soundex: soundex(compact) }
    }
    expect(compareNames(name('catherine'), name('Catherine'))).toBe(0)
    expect(compareNames(name('catherine'), name('cathreine'))).toBe(1)
    expect(compareNames(name('william'), name('bill'))).toBe(1)
    expect(compareNames(name('mary ann'), name('mary'))).toBe(1)
    expect(compareNames(name('catherine'), name('kathryn'))).toBe(2)
    expect(compareNames(name('j'), name('john'))).toBe(3)
    expect(compareNames(name('john'), name('harriet'))).toBe(4)
  })

  it('drops legal forms from organisation names', () => {
    expect(organisationWords('The Acme Co. Pty Ltd')).toEqual(['acme'])
    expect(organisationWords('Smith & Sons GmbH')).toEqual(['smith', 'and', 'sons'])
  })
})

describe('addresses', () => {
  it('expands street-type and address abbreviations', () => {
    expect(normaliseStreet('12 Smith St')).toBe('12 smith street')
    expect(normaliseStreet('St Kilda Rd')).toBe('saint kilda road')
    expect(normaliseStreet('Hawker Cres.')).toBe('hawker crescent')
    expect(normaliseStreet('Jemalong Retrmnt Vlge')).toBe('jemalong retirement village')
  })

  it('writes states as postal codes and postcodes without spacing, ZIP+4 or lost leading zeros', () => {
    expect(normaliseRegion('New South Wales')).toBe('nsw')
    expect(normaliseRegion('N.S.W.')).toBe('nsw')
    expect(normaliseRegion('California')).toBe('ca')
    expect(normalisePostcode('0870')).toBe(normalisePostcode('870'))
    expect(normalisePostcode('94105-1234')).toBe('94105')
    expect(normalisePostcode('sw1a 1aa')).toBe('SW1A1AA')
  })

  it('reads codes a dataframe export wrote as decimals as the codes they are', () => {
    const prepared = prepareRecord(
      { id: 'x', source: 'export', fields: { postcode: '870.0', street_number: '12.0', national_id: '1608224.0' } },
      0,
      PERSON_FIELD_ROLES,
    )
    expect([prepared.postcode, prepared.streetNumber, prepared.nationalId]).toEqual(['870', '12', '1608224'])
  })

  it('takes a house number out of the street, and a postcode and state out of the locality', () => {
    expect(splitHouseNumber('75 Maxey Dr')).toEqual({ number: '75', street: 'Maxey Dr' })
    expect(splitHouseNumber('3rd Avenue')).toEqual({ street: '3rd Avenue' })
    expect(splitLocality('Bowen Hills QLD 4006')).toEqual({ locality: 'bowen hills', postcode: '4006', region: 'qld' })
    expect(splitLocality('Hawthorn')).toEqual({ locality: 'hawthorn' })
  })
})

describe('contact details', () => {
  it('normalises emails, web domains and phone numbers to keys', () => {
    expect(normaliseEmail('John.Smith+crm@GoogleMail.com')?.address).toBe('johnsmith@gmail.com')
    expect(normaliseEmail('Jane <jane@acme.com.au>')).toEqual({ address: 'jane@acme.com.au', domain: 'acme.com.au' })
    expect(normaliseEmail('not an email')).toBeUndefined()
    expect(normaliseDomain('https://www.Acme.com/about?x=1')).toBe('acme.com')
    expect(normaliseDomain('acme')).toBeUndefined()
    expect(normalisePhone('(02) 9876-5432')?.slice(-8)).toBe(normalisePhone('+61 2 9876 5432')?.slice(-8))
  })
})

describe('similarity', () => {
  it('measures Jaro-Winkler, Damerau-Levenshtein and word-set agreement', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3)
    expect(jaroWinkler('', 'abc')).toBe(0)
    expect(editDistance('ca', 'ac')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('kitten', 'sitting', 1)).toBe(2)
    expect(tokenSetSimilarity(['smith', 'jones'], ['jones', 'smith'])).toBe(1)
    expect(tokenSetSimilarity(['smith'], ['brown'])).toBe(0)
  })
})

describe('source layouts', () => {
  it('reads whole names in a first-name field as given and family name when the source always does so', () => {
    const records = ['Isaac Webb', 'Kobe Korbut', 'Caleb Radic', 'Erin Schembri', 'Luke Polmear'].map((name, i) => ({
      id: String(i),
      source: 'registry',
      fields: { first_name: name, last_name: null, birthdate: `${10 + i}/01/1970` },
    }))
    const layouts = inferSourceLayouts(records, PERSON_FIELD_ROLES)
    expect(layouts.get('registry')).toEqual({ dateOrder: 'dmy', fullNameIn: 'given_name' })
    const [first] = records
    if (!first) throw new Error('no record')
    const prepared = prepareRecord(first, 0, PERSON_FIELD_ROLES, layouts.get('registry'))
    expect([prepared.given?.text, prepared.family?.text]).toEqual(['isaac', 'webb'])
  })
})
