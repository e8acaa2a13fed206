// What the redactor finds. A span is a half-open range of JS string (UTF-16) offsets, [start, end).

/** The types the product redacts. SECRET (API keys, tokens, passwords by pattern) is never scored by the eval. */
export const PII_TYPES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'SECRET', 'PERSON'] as const
export type PiiType = (typeof PII_TYPES)[number]

export type PiiSpan = {
  start: number
  end: number
  type: PiiType
  /** How sure the detector is, 0–1; overlaps are resolved by type priority first, then by this. */
  score: number
}

/**
 * When two spans overlap, the higher priority wins: a checksum or a fixed shape is stronger evidence than
 * a guess, so a card number inside what looks like a phone number stays a card, and an email address keeps
 * the name inside it.
 */
export const TYPE_PRIORITY: Readonly<Record<PiiType, number>> = {
  SECRET: 8,
  EMAIL: 7,
  IBAN: 6,
  CREDIT_CARD: 5,
  US_SSN: 4,
  IP_ADDRESS: 3,
  PHONE: 2,
  PERSON: 1,
}

export const span = (start: number, end: number, type: PiiType, score: number): PiiSpan => ({ start, end, type, score })
