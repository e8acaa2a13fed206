/**
 * `promise`, or a rejection after `ms`: a Redis that hangs instead of refusing must not hold a login, an LLM
 * call or the request that waits on it. The timer is cleared either way; the slow promise is left to settle alone.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** How long anything that can do without Redis (rate limits, flags, LLM telemetry) waits for it. */
export const REDIS_WAIT_MS = 1500
