import { redact as redactPii } from '../core/nlp/redaction/redact.ts'

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|cookie|jwk/i
/** Our own identifiers and fixed vocabulary: never personal data, and the fields logs are searched by. */
const PLAIN_KEY = /(^|_)id$|^(time|level|method|status|kind|feature|model)$/

/**
 * What a log line may hold: values under secret-looking keys dropped, and personal data in any other text
 * (emails, phones, cards, IBANs, SSNs, IPs, secrets by pattern, names) replaced by typed placeholders, at any
 * depth, so a careless field or an error quoting a record never puts them in the logs.
 */
function scrub(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return PLAIN_KEY.test(key) ? value : redactPii(value).text
  if (depth > 5 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, key, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : scrub(v, k, depth + 1)]),
  )
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void

/** Structured JSON lines on stdout (Workers Logs / `wrangler tail` pick them up as-is). */
export const createLogger =
  (base: Record<string, unknown>): Logger =>
  (level, message, fields = {}) => {
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        message: scrub(message),
        ...base,
        ...(scrub(fields) as object),
      }),
    )
  }
