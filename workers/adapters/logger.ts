const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|cookie|jwk/i

/** Drops values whose key looks secret, at any depth, so a careless field never reaches the logs. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  )
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void

/** Structured JSON lines on stdout (Workers Logs / `wrangler tail` pick them up as-is). */
export const createLogger =
  (base: Record<string, unknown>): Logger =>
  (level, message, fields = {}) => {
    console.log(
      JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...(redact(fields) as object) }),
    )
  }
