// When to try an LLM call again, and how long to wait first. 429 and 5xx are worth another attempt (the
// provider is busy or broken for a moment); any other 4xx means the request itself is wrong and would fail
// the same way again. A wait the provider asks for (Retry-After) is honoured; one longer than we are willing
// to wait ends the call with `rate_limited` and the wait, rather than holding a Worker for it.

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number
  /** First backoff; each later one doubles, jittered into its upper half. */
  baseDelayMs: number
  /** No single wait is longer; a Retry-After above it is not waited for. */
  maxDelayMs: number
}

export const isRetryableStatus = (status: number) => status === 429 || (status >= 500 && status <= 599)

/**
 * The wait a response asks for, in ms: `retry-after-ms` (OpenAI's), else `Retry-After` as seconds or an
 * HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()) {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const raw = headers?.get('retry-after')?.trim()
  if (!raw) return undefined
  if (/^\d+(\.\d+)?$/.test(raw)) return Number.parseFloat(raw) * 1000
  const date = Date.parse(raw)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** Exponential backoff before retry `retry` (1 for the first), jittered within [d/2, d]. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random) {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return full / 2 + random() * (full / 2)
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; retryAfterMs?: number }

/**
 * After a failed attempt (`retry` retries done so far): try again after `waitMs`, or stop. `status` is
 * undefined when nothing answered (a connection error), which is retried like a 5xx.
 */
export function decideRetry(
  status: number | undefined,
  retriesDone: number,
  policy: RetryPolicy,
  askedWaitMs: number | undefined,
  random: () => number = Math.random,
): RetryDecision {
  if (status !== undefined && !isRetryableStatus(status)) return { retry: false }
  if (askedWaitMs !== undefined && askedWaitMs > policy.maxDelayMs) return { retry: false, retryAfterMs: askedWaitMs }
  if (retriesDone >= policy.maxRetries)
    return askedWaitMs === undefined ? { retry: false } : { retry: false, retryAfterMs: askedWaitMs }
  return { retry: true, waitMs: askedWaitMs ?? backoffMs(retriesDone + 1, policy, random) }
}
