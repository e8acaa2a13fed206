// What an LLM call costs, estimated from list prices per million tokens. An estimate, not a bill: providers
// round, discount cached input and batch calls, and change prices; the table is one constant to edit when
// they do. A model the table does not know costs 0 and is reported as unpriced, so a total never looks
// complete when it is not. The offline provider's models are known and free.

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number
  output: number
}

/** When the figures below were last copied from the vendors' pricing pages (standard tier, text). */
export const PRICES_AS_OF = '2025-08'

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
}

const FREE: ModelPrice = { input: 0, output: 0 }

/** A dated or numbered snapshot of a listed model: `gpt-4o-mini-2024-07-18`, `gpt-4o-2024-08-06`, `…-0125`. */
const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{4}|\d{3})$/

/**
 * The price of `model` as a provider names it, or undefined when unknown. A snapshot is priced as its
 * model (`gpt-4o-2024-08-06` as `gpt-4o`, never as `gpt-4o-mini`); Gemini's `models/` prefix is ignored;
 * the offline provider's `offline-…` models are free.
 */
export function priceOf(model: string): ModelPrice | undefined {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^models\//, '')
  if (name.startsWith('offline-')) return FREE
  const exact = MODEL_PRICES[name]
  if (exact) return exact
  for (const [listed, price] of Object.entries(MODEL_PRICES))
    if (name.startsWith(listed) && SNAPSHOT_SUFFIX.test(name.slice(listed.length))) return price
  return undefined
}

/**
 * The estimated cost in nano-dollars (10⁻⁹ USD), an integer so that sums kept in Redis (HINCRBY) never
 * drift: a token at $0.02 per million is 20 nano-dollars. `priced: false` when the model is unknown (cost 0).
 */
export function estimateCostNanoUsd(
  model: string,
  promptTokens: number,
  completionTokens: number,
): { nanoUsd: number; priced: boolean } {
  const price = priceOf(model)
  if (!price) return { nanoUsd: 0, priced: false }
  return {
    nanoUsd: Math.round(promptTokens * price.input * 1000 + completionTokens * price.output * 1000),
    priced: true,
  }
}

export const nanoUsdToUsd = (nanoUsd: number) => nanoUsd / 1e9
