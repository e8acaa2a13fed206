// The pattern detectors: each finds its type in real-world formats and rejects the near misses a
// checksum or a validity rule exists to catch.
import { describe, expect, it } from 'vitest'
import { detectCreditCards } from '../../../workers/core/nlp/redaction/detectors/credit-card.ts'
import { detectEmails } from '../../../workers/core/nlp/redaction/detectors/email.ts'
import { detectIbans, ibanChecksumValid } from '../../../workers/core/nlp/redaction/detectors/iban.ts'
import { detectIpAddresses, isIpv6 } from '../../../workers/core/nlp/redaction/detectors/ip-address.ts'
import { luhnValid } from '../../../workers/core/nlp/redaction/detectors/luhn.ts'
import { detectPhones } from '../../../workers/core/nlp/redaction/detectors/phone.ts'
import { detectSecrets } from '../../../workers/core/nlp/redaction/detectors/secret.ts'
import { detectUsSsns } from '../../../workers/core/nlp/redaction/detectors/us-ssn.ts'
import type { PiiSpan } from '../../../workers/core/nlp/redaction/pii-types.ts'

const values = (text: string, spans: PiiSpan[]) => spans.map((s) => text.slice(s.start, s.end))

describe('email', () => {
  it.each([
    ['Write to ada.lovelace@example.com today', 'ada.lovelace@example.com'],
    ["email me: jo.o'neil+tag@sub.example.co.uk", "jo.o'neil+tag@sub.example.co.uk"],
    ['(BeltranUrbina@dayrep.com)', 'BeltranUrbina@dayrep.com'],
    ['Kontakt: jürgen@müller.de.', 'jürgen@müller.de'],
  ])('finds the address in %j', (text, expected) => {
    expect(values(text, detectEmails(text))).toEqual([expected])
  })

  it.each(['user@localhost', 'not an @ address', 'a@b.c', '@handle on social'])('finds none in %j', (text) => {
    expect(detectEmails(text)).toEqual([])
  })
})

describe('phone numbers', () => {
  // National and international formats of several numbering plans.
  it.each([
    ['US', 'Call (415) 555-2671 please', '(415) 555-2671'],
    ['US dotted', 'call 415.555.2671 now', '415.555.2671'],
    ['NANP international', 'Reach me on +1-415-555-2671', '+1-415-555-2671'],
    ['UK', 'Phone +44 20 7946 0958', '+44 20 7946 0958'],
    ['UK national', 'My cell: 07700 900123', '07700 900123'],
    ['Germany', 'Tel. 030 12345678', '030 12345678'],
    ['Germany, 00 prefix', 'tel: 0049 30 901820', '0049 30 901820'],
    ['France', 'Her number is 06 12 34 56 78.', '06 12 34 56 78'],
    ['France dotted', 'Can someone call me on 01.84.17.61.18?', '01.84.17.61.18'],
    ['Belgium', 'Fax +32 2 555 12 12', '+32 2 555 12 12'],
    ['India', 'Contact support at +91 98765 43210.', '+91 98765 43210'],
    ['Japan', 'Tokyo office: +81 3-3224-9999', '+81 3-3224-9999'],
    ['Australia', 'ring (02) 9374 4000', '(02) 9374 4000'],
    ['Brazil', 'WhatsApp +55 11 91234-5678', '+55 11 91234-5678'],
    ['Russia', 'phone +7 495 123-45-67', '+7 495 123-45-67'],
    ['extension', 'call (02) 9876 5432 ext. 12 tomorrow', '(02) 9876 5432 ext. 12'],
    ['Denmark, no context word', "They're not answering at 71-33-52-22", '71-33-52-22'],
  ])('%s: %j', (_, text, expected) => {
    expect(values(text, detectPhones(text))).toEqual([expected])
  })

  it.each([
    ['a date', 'Shipped on 2024-01-15 and 15.01.2024'],
    ['a date and time', 'On 1970-09-24 09:34:31 the government began'],
    ['a year range', 'in office 1990-2000'],
    ['money', 'revenue of $1,234,567 and 12.5%'],
    ['a house number before its street', 'send it to 66029 138 Consul Place'],
    ['an order number', 'Order 123456789 shipped'],
    ['an IP address', 'from 10.0.0.256'],
    ['an SSN shape', 'invalid ssn 000-12-3456'],
  ])('no phone in %s', (_, text) => {
    expect(detectPhones(text)).toEqual([])
  })
})

describe('payment cards', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('79927398710')).toBe(false)
  })

  it.each([
    ['Visa, grouped', 'Charge my Visa 4111 1111 1111 1111, exp 04/27', '4111 1111 1111 1111'],
    ['Mastercard, dashes', 'card 5500-0000-0000-0004 declined', '5500-0000-0000-0004'],
    ['Amex 4-6-5', 'Amex 3782 822463 10005 was declined', '3782 822463 10005'],
    ['Maestro, 12 digits', 'card number 630427373398 is lost', '630427373398'],
    ['19 digits', 'I have lost my card 4735615260219382870.', '4735615260219382870'],
    ['JCB 15 digits', 'transactions of card 180051662803027', '180051662803027'],
  ])('%s', (_, text, expected) => {
    expect(values(text, detectCreditCards(text))).toEqual([expected])
  })

  it.each([
    ['one digit off (Luhn fails)', 'card 4111111111111112'],
    ['a transposition (Luhn fails)', 'card 4111111111111121'],
    ['too short', 'card 41111111111'],
    ['mixed separators', 'card 4111 1111-1111 1111'],
    ['all one digit', 'card 0000 0000 0000 0000'],
  ])('rejects %s', (_, text) => {
    expect(detectCreditCards(text)).toEqual([])
  })
})

describe('IBAN', () => {
  // Examples of the SWIFT IBAN Registry (ISO 13616), printed and electronic format.
  it.each([
    'GB82 WEST 1234 5698 7654 32',
    'DE89 3704 0044 0532 0130 00',
    'FR14 2004 1010 0505 0001 3M02 606',
    'NL91ABNA0417164300',
    'BE68 5390 0754 7034',
    'CH93 0076 2011 6238 5295 7',
    'ES91 2100 0418 4502 0005 1332',
    'IT60 X054 2811 1010 0000 0123 456',
    'NO93 8601 1117 947',
    'PL61 1090 1014 0000 0712 1981 2874',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'SA03 8000 0000 6080 1016 7519',
    'IS14 0159 2600 7654 5510 7303 39',
    'gb82west12345698765432',
  ])('finds %s', (iban) => {
    const text = `Please wire it to ${iban}, thanks.`
    expect(values(text, detectIbans(text))).toEqual([iban])
  })

  it('rejects a wrong check digit, a changed digit, a swapped pair, a wrong length, an unknown country', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true)
    for (const bad of [
      'GB83WEST12345698765432',
      'GB82WEST12345698765433',
      'GB82WEST12345698765423',
      'GB82WEST1234569876543',
      'XX82WEST12345698765432',
    ]) {
      const text = `IBAN ${bad} please`
      expect(detectIbans(text), bad).toEqual([])
    }
  })

  it('does not run on into the next word', () => {
    const text = 'IBAN NL91ABNA0417164300X'
    expect(detectIbans(text)).toEqual([])
  })
})

describe('US SSN', () => {
  it('takes AAA-GG-SSSS on its shape, other writings only with an SSN word nearby', () => {
    const dashed = 'His number is 536-90-4399.'
    expect(values(dashed, detectUsSsns(dashed))).toEqual(['536-90-4399'])
    const spaced = 'social security number: 123 45 6789'
    expect(values(spaced, detectUsSsns(spaced))).toEqual(['123 45 6789'])
    const bare = 'SSN 536904399'
    expect(values(bare, detectUsSsns(bare))).toEqual(['536904399'])
    expect(detectUsSsns('order 536904399')).toEqual([])
    expect(detectUsSsns('room 123 45 6789')).toEqual([])
  })

  it.each(['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '987-65-4321'])(
    'rejects the never-issued %s',
    (ssn) => {
      expect(detectUsSsns(`SSN ${ssn}`)).toEqual([])
    },
  )
})

describe('IP addresses', () => {
  it.each([
    ['192.168.14.201', 'The server at 192.168.14.201 rejected it'],
    ['8.8.8.8', 'dns 8.8.8.8.'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 today'],
    ['2001:db8::ff00:42:8329', 'ping 2001:db8::ff00:42:8329'],
    ['fe80::1ff:fe23:4567:890a', 'link-local fe80::1ff:fe23:4567:890a'],
    ['::ffff:192.0.2.128', 'mapped ::ffff:192.0.2.128'],
  ])('finds %s', (ip, text) => {
    expect(values(text, detectIpAddresses(text))).toEqual([ip])
  })

  it.each([
    ['an octet over 255', 'from 10.0.0.256'],
    ['a version number', 'version 1.2.3.4 fixed it'],
    ['a longer dotted run', 'see section 1.2.3.4.5'],
    ['a clock time', 'at 12:30:45'],
    ['a MAC address', 'mac 00:1A:2B:3C:4D:5E'],
    ['two double colons', '2001::db8::1'],
  ])('none in %s', (_, text) => {
    expect(detectIpAddresses(text)).toEqual([])
  })

  it('validates IPv6 text forms', () => {
    expect(isIpv6('::1')).toBe(true)
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true)
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false)
    expect(isIpv6('1:2:3:4:5:6:7:8:9')).toBe(false)
    expect(isIpv6('12345::1')).toBe(false)
  })
})

describe('secrets', () => {
  it.each([
    ['Stripe', 'our key is sk_live_51Hx7kLmN0pQrStUvWxYz12345 do not share', 'sk_live_51Hx7kLmN0pQrStUvWxYz12345'],
    ['GitHub', 'Token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['AWS key id', 'AKIAIOSFODNN7EXAMPLE leaked', 'AKIAIOSFODNN7EXAMPLE'],
    ['our own', 'use aos_sk_0123456789abcdefXYZ', 'aos_sk_0123456789abcdefXYZ'],
    ['labelled', 'password: Summer2024!', 'Summer2024!'],
    ['URL credentials', 'postgres://app:s3cr3t-pw@db.example.com/main', 's3cr3t-pw'],
    [
      'JWT',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
  ])('%s', (_, text, expected) => {
    expect(values(text, detectSecrets(text))).toContain(expected)
  })

  it('leaves ordinary prose alone', () => {
    expect(detectSecrets('The password policy asks for twelve characters.')).toEqual([])
  })
})
