// Values of person-name fields in prompts built from source records: a field's name says its values are
// names, even lone ones no list knows (drift fixtures' samples and Salesforce contact fields).
import { describe, expect, it } from 'vitest'
import { detectPersons } from '../../../workers/core/nlp/redaction/person/detect-person.ts'

const names = (text: string) => detectPersons(text).map((s) => text.slice(s.start, s.end))

describe('values of person-name fields', () => {
  it.each([
    ['a field with its type and samples', '- Last Name (string): Silva, Mensah, Wong', ['Silva', 'Mensah', 'Wong']],
    ['a snake_case field', 'lastname: Mensah; Wong', ['Mensah', 'Wong']],
    ['a Salesforce field', 'FirstName (string): Rose, Sean', ['Rose', 'Sean']],
    ['a custom field and a dotted path', 'Maiden_Name__c: Okoro\ncontact.givenName = Mia', ['Okoro', 'Mia']],
    ['quoted values', 'surname: "Wong" | "Mensah"', ['Wong', 'Mensah']],
    ['a JSON record', '{"id": 7, "full_name": "Olusegun Adeyemi", "last_name": "Wong"}', ['Olusegun Adeyemi', 'Wong']],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected)
  })

  it('leaves other fields, placeholders of emptiness and long text alone', () => {
    expect(names('- Lead Status (string): New, Open, Attempted to contact')).toEqual([])
    expect(names('- Company (string): Silver Lake, Acme')).toEqual([])
    expect(names('Last Name (string): Wong, unknown, none, N/A')).toEqual(['Wong'])
    expect(names('full name: this field holds the name as typed by the customer')).toEqual([])
    expect(names('{"status": "Open", "tier": "Gold"}')).toEqual([])
  })
})
