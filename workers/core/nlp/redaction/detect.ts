import { detectCreditCards } from './detectors/credit-card.ts'
import { detectEmails } from './detectors/email.ts'
import { detectIbans } from './detectors/iban.ts'
import { detectIpAddresses } from './detectors/ip-address.ts'
import { detectPhones } from './detectors/phone.ts'
import { detectSecrets } from './detectors/secret.ts'
import { detectUsSsns } from './detectors/us-ssn.ts'
import { detectPersons } from './person/detect-person.ts'
import type { PiiSpan, PiiType } from './pii-types.ts'
import { resolveOverlaps } from './resolve-overlaps.ts'

export type DetectOptions = {
  /** Only these types (default: all). */
  types?: readonly PiiType[]
  /** Names the caller knows, such as the tenant's contacts: always found, whole or word by word. */
  knownNames?: readonly string[]
  /** The person detector's minimum score (see PERSON_THRESHOLD). */
  personThreshold?: number
}

const PATTERN_DETECTORS: ReadonlyArray<readonly [PiiType, (text: string) => PiiSpan[]]> = [
  ['SECRET', detectSecrets],
  ['EMAIL', detectEmails],
  ['IBAN', detectIbans],
  ['CREDIT_CARD', detectCreditCards],
  ['US_SSN', detectUsSsns],
  ['IP_ADDRESS', detectIpAddresses],
  ['PHONE', (text) => detectPhones(text)],
]

/** Every PII span in `text`, non-overlapping, in text order. */
export function detectPii(text: string, options: DetectOptions = {}): PiiSpan[] {
  const wanted = new Set<PiiType>(options.types ?? PATTERN_DETECTORS.map(([t]) => t).concat('PERSON'))
  const found: PiiSpan[] = []
  for (const [type, detect] of PATTERN_DETECTORS) if (wanted.has(type)) found.push(...detect(text))
  if (wanted.has('PERSON')) {
    found.push(
      ...detectPersons(text, {
        ...(options.knownNames ? { knownNames: options.knownNames } : {}),
        ...(options.personThreshold !== undefined ? { threshold: options.personThreshold } : {}),
      }),
    )
  }
  return resolveOverlaps(found)
}
