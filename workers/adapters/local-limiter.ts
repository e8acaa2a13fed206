/**
 * A sliding-window limiter kept in this isolate's memory: what rate limits fall back to while Redis does
 * not answer. Each isolate counts on its own, so callers give it a stricter limit than the shared one.
 * Entries are dropped once their window has passed, and the map is bounded so a flood of distinct keys
 * (random emails or addresses) cannot grow it without end: at the bound the oldest key is forgotten.
 */
export interface LocalLimiter {
  limit(key: string, now?: number): { success: boolean; reset: number }
}

export function localLimiter(perWindow: number, windowMs: number, maxKeys = 10_000): LocalLimiter {
  const hits = new Map<string, number[]>()
  return {
    limit(key, now = Date.now()) {
      const recent = (hits.get(key) ?? []).filter((at) => at > now - windowMs)
      hits.delete(key) // re-inserted below, so the map's order stays oldest-used first
      const success = recent.length < perWindow
      if (success) recent.push(now)
      hits.set(key, recent)
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value as string)
      return { success, reset: (recent[0] ?? now) + windowMs }
    },
  }
}
