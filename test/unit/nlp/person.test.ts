// The person detector on sentences written for these tests: names of many cultures in many contexts,
// and the places, organisations and streets that look like names but are not.
import { describe, expect, it } from 'vitest'
import { detectPersons } from '../../../workers/core/nlp/redaction/person/detect-person.ts'
import { fold } from '../../../workers/core/nlp/redaction/person/fold.ts'
import { romajiShape, surnameEnding } from '../../../workers/core/nlp/redaction/person/morphology.ts'

const names = (text: string, knownNames?: string[]) =>
  detectPersons(text, knownNames ? { knownNames } : {}).map((s) => text.slice(s.start, s.end))

describe('person names', () => {
  it.each([
    ['an honorific', 'According to Dr. Hiroshi Tanaka, the results were inconclusive.', ['Hiroshi Tanaka']],
    ['an honorific before a surname alone', 'I spoke with Ms. Okafor yesterday about the loan.', ['Okafor']],
    ['a lower-case honorific', "I'd like to join accounts with ms. Marcela", ['Marcela']],
    ['a surname that is also a street word', 'For my take on Dr. Wells, see the review.', ['Wells']],
    ['"my name is"', 'My name is Aantje Mourik.', ['Aantje Mourik']],
    ['a greeting', 'Hi Christin, I am writing about my card.', ['Christin']],
    ['a label', 'From: Rahul Mehta\nTo: Kenji Watanabe\nSubject: budget', ['Rahul Mehta', 'Kenji Watanabe']],
    ['a signature', 'Regards,\nAmelia Watson\nHead of Sales', ['Amelia Watson']],
    ['a first name alone', 'Can you ask Mohammed whether the report is ready?', ['Mohammed']],
    ['initials', 'Have you heard Barbara M. Probst speak yet?', ['Barbara M. Probst']],
    ['a particle', 'Willemine ten Pas will be talking at the conference.', ['Willemine ten Pas']],
    ['an apostrophe', "Is Siobhan O'Sullivan available next week?", ["Siobhan O'Sullivan"]],
    ['a possessive', "Giulia Rossi's passport expired last year.", ['Giulia Rossi']],
    ['three words', 'The book was written by Chimamanda Ngozi Adichie.', ['Chimamanda Ngozi Adichie']],
    ['Icelandic patronymics', 'Sincerely,\nHelga Sigurðardóttir', ['Helga Sigurðardóttir']],
    ['Slavic diacritics', 'The shipment for Kateřina Dvořáková is delayed.', ['Kateřina Dvořáková']],
    ['Scandinavian letters', 'Bjørn Håkonsen and Åsa Lindqvist joined the team.', ['Bjørn Håkonsen', 'Åsa Lindqvist']],
    ['romanised Japanese', 'Panjiva hired Riku Andou last spring.', ['Riku Andou']],
    ['Vietnamese order', 'Kindly update the record for Nguyen Van Minh.', ['Nguyen Van Minh']],
    ['West African', 'Did Kofi Mensah sign the lease?', ['Kofi Mensah']],
    ['a hyphenated surname', 'We hired Yolanda Ferreira-Santos as controller.', ['Yolanda Ferreira-Santos']],
    ['an unknown surname by its ending', 'Unlike the Dratchev novel, it is short.', ['Dratchev']],
    ['a name-suffix', 'We congratulate Kathrine Filemonsen DDS on the award.', ['Kathrine Filemonsen DDS']],
    ['a phone number after the name', 'Contact: Jane Doe 212-555-0100', ['Jane Doe']],
    ['an unknown name opening a sentence, before a verb', 'Zorblax told me the fee would be refunded.', ['Zorblax']],
    ['an unknown name called out', 'Quolinde, thank you for contacting us.', ['Quolinde']],
    ['a role label', 'Witness: Ottilie Vranckx', ['Ottilie Vranckx']],
    ['a sign-off', 'Best wishes,\nNikolaj', ['Nikolaj']],
    [
      'a name list with an unknown first member',
      'Quinzia and Riku Andou will visit next week.',
      ['Quinzia', 'Riku Andou'],
    ],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected)
  })

  it('still finds a system word as a name after a cue', () => {
    expect(names('Please call Mr. Server tomorrow. My name is Server.')).toEqual(['Server', 'Server'])
  })

  it('reads name lists: one name makes the others names', () => {
    expect(names('Alice, Bob and Carol are on the invite.')).toEqual(['Alice', 'Bob', 'Carol'])
    expect(names('Please send it to Jean-Pierre Lefèvre, Ana María García and Lars Øberg.')).toEqual([
      'Jean-Pierre Lefèvre',
      'Ana María García',
      'Lars Øberg',
    ])
  })

  it('reads a row of lone surnames as a firm', () => {
    expect(names('He joined Jones, Mitchell and Williams as a partner.')).toEqual([])
  })

  it('marks the other mentions of a name found once', () => {
    expect(names('Alvir spent a year as the assistant to Alvir D. Pušaver.')).toEqual(['Alvir', 'Alvir D. Pušaver'])
  })

  it('finds names in lower-case text from the lists and cues', () => {
    expect(names('my name is lena andersson.')).toEqual(['lena andersson'])
    expect(names('i need to talk to maria about the invoice')).toEqual(['maria'])
    expect(names('sometimes people call me višeslav')).toEqual(['višeslav'])
  })

  it('finds names in upper-case text from the lists', () => {
    expect(names('JOHN SMITH\n123 MAIN ST\nSPRINGFIELD')).toEqual(['JOHN SMITH'])
  })

  it.each([
    ['countries and cities', 'We visited Paris and Berlin last summer, then Czech Republic.'],
    [
      'letters inside a UUID or an identifier',
      'tenant f96afb01-abd3-4eb8-914b-685de22e1c42 got SERVICE_UNAVAILABLE for user_amy',
    ],
    ['US states', 'The hurricane hit Florida and Louisiana.'],
    ['an organisation suffix', 'Payment to Acme Widgets Ltd failed; Rand Corporation paid.'],
    ['a street', 'He lives at 221B Baker Street, London.'],
    ['a street name with its number', 'The bus drops you off at 07576 Magasinsgatan 7 St.'],
    ['a street word before', 'Our office on Rue de Rivoli is closed.'],
    ['a town after a street and number', 'his address: Dunajska 56, Studenec'],
    ['a place after "in"', 'I am in Rohod for a business trip.'],
    ['a compound company name', 'according to the Costquest website'],
    ['title case', 'see Guilty Pleasures: 5 Musicians Of The 70s You Are Supposed To Hate'],
    ['acronyms', 'My IP is blocked by the CEO and the IBAN is wrong.'],
    ['months and weekdays', 'We will meet Monday, 4 May, or in June.'],
    ['all-caps prose', 'CAN I SPEAK TO A REAL PERSON?!?!'],
    ['sentence-initial words', 'Could I change the payment due date of my credit card?'],
    ['products the platform talks about', 'Map the Postgres table to Salesforce; Airbyte reported a failed sync.'],
    ['a system named before its noun', 'Why did the Fooblr orders stream pause after the Quxly webhook failed?'],
    ['a day with a name', 'Tickets rose after the Black Friday sale.'],
    ['places one travels to and from', 'Last week she moved from Montijo to Bessastaðahreppur by train.'],
    ['a place before its site noun', 'They will visit our Montijo office and the Suddath branch.'],
    ['a firm after "works at"', 'Can you confirm whether he still works at Bridgewater?'],
    ['an English word opening a sentence', 'Pedestrians must enter on the left.'],
    [
      'an upstream error in a log line ("Server" is also a first name)',
      'Salesforce answered with SERVER_UNAVAILABLE: Server temporarily unavailable, please retry.',
    ],
  ])('none in %s', (_, text) => {
    expect(names(text)).toEqual([])
  })

  it("finds the caller's known names whole and word by word, without taking common words in lower case", () => {
    const known = ['Will Grace', 'Zbigniew Quux']
    expect(names('Ask zbigniew quux and Will about it; I will ask Quux later.', known)).toEqual([
      'zbigniew quux',
      'Will',
      'Quux',
    ])
  })
})

describe('spelling evidence', () => {
  it('folds case and diacritics', () => {
    expect(fold('Søren Ærø')).toBe('soren aero')
    expect(fold('Þórður')).toBe('thordur')
    expect(fold('ŁUKASZ')).toBe('lukasz')
  })

  it('recognises surname endings and romanised Japanese', () => {
    for (const w of ['bergsveinsson', 'petrovic', 'nowakowski', 'seppinen', 'karapetyan', 'papadopoulos']) {
      expect(surnameEnding(w), w).toBe(true)
    }
    for (const w of ['table', 'window', 'pleasure']) expect(surnameEnding(w), w).toBe(false)
    for (const w of ['ogasahara', 'hirai', 'akinori']) expect(romajiShape(w), w).toBe(true)
    for (const w of ['street', 'andersson']) expect(romajiShape(w), w).toBe(false)
  })
})
