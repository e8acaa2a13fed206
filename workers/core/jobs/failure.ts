// A failed attempt is shown to clients (the API, live events) as a safe summary; the full error, which
// can carry SQL, its parameters and a driver's words, is kept for operators in jobs.last_error_detail.
import { PublicError } from '../http/public-error.ts'

const SUMMARY_MAX = 2000
const DETAIL_MAX = 8000
const CAUSES_MAX = 5

/** The summary of a failure that is not the tenant's to read: a reference to quote to support. */
export const internalFailure = (reference: string) =>
  `The job failed on our side (reference ${reference}). Failed attempts are retried; if it keeps failing, contact support with this reference.`

/** What a client sees of a failed attempt: a PublicError's own message, anything else as a reference. */
export const failureSummary = (error: unknown, reference: string) =>
  error instanceof PublicError ? error.message.slice(0, SUMMARY_MAX) : internalFailure(reference)

/** For operators: the error and its causes in their own words, credentials in URLs masked. */
export function failureDetail(error: unknown): string {
  const lines: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < CAUSES_MAX; depth++) {
    lines.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return lines
    .join('\ncaused by ')
    .replace(/\/\/[^/\s@]+@/g, '//***@')
    .slice(0, DETAIL_MAX)
}
