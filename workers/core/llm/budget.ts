// Budgets, asked before every LLM call through the LlmBudget seam (port.ts). Two rules, both pure:
// - perCallTokenCap refuses any single call whose token bound (estimated prompt + the answer's cap) is above
//   a cap, so one oversized prompt (a whole table pasted in) cannot run up a bill; it keeps no state.
// - periodTokenBudget decides against a tenant's tokens used so far this UTC hour or day (kept in Redis by
//   services/llm/, which reads the count and asks this rule).
// combineBudgets asks several in turn; the first refusal wins.
import type { BudgetDecision, BudgetRequest, LlmBudget } from './port.ts'
import { bucketStart, HOUR_MS, hourBucket } from './telemetry.ts'

export function perCallTokenCap(maxTokensPerCall: number): LlmBudget {
  return {
    check(request: BudgetRequest): BudgetDecision {
      const bound = tokenBound(request)
      return bound <= maxTokensPerCall
        ? { ok: true }
        : {
            ok: false,
            reason: `the ${request.kind} call may use ${bound} tokens (about ${request.estimatedPromptTokens} in, up to ${request.maxCompletionTokens} out), above the ${maxTokensPerCall}-token cap per call`,
          }
    },
  }
}

/** What a chat call asks the budget: its estimated prompt and its answer's cap, per tenant, model and feature. */
export const chatBudgetRequest = (
  tenantId: string,
  model: string,
  estimatedPromptTokens: number,
  maxCompletionTokens: number,
  feature: string | undefined,
): BudgetRequest => ({
  tenantId,
  kind: 'chat',
  model,
  estimatedPromptTokens,
  maxCompletionTokens,
  ...(feature ? { feature } : {}),
})

/** The most a call may cost in tokens: its estimated prompt plus its answer's cap. */
export const tokenBound = (request: BudgetRequest) => request.estimatedPromptTokens + request.maxCompletionTokens

export const BUDGET_PERIODS = ['hour', 'day'] as const
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number]

/** The UTC hour or day `now` falls in: its key part (`h2026112514`, `d20261125`) and when it ends. */
export function budgetPeriod(period: BudgetPeriod, now: number): { key: string; endsAt: number } {
  const hour = hourBucket(now)
  return period === 'hour'
    ? { key: `h${hour}`, endsAt: bucketStart(hour) + HOUR_MS }
    : { key: `d${hour.slice(0, 8)}`, endsAt: bucketStart(`${hour.slice(0, 8)}00`) + 24 * HOUR_MS }
}

export interface PeriodBudgetState {
  period: BudgetPeriod
  limitTokens: number
  /** Tokens the tenant's calls used so far in this period (answered and failed calls alike). */
  usedTokens: number
  endsAt: number
  now: number
}

/**
 * Refuses a call that could take the tenant past its tokens for the period, with the wait until the
 * period ends; a call that fits (by its bound) goes. The bound is an upper estimate, so the last calls of
 * a period may be refused while a few tokens are left: the budget is a ceiling, never exceeded by design
 * (except by calls running at the same moment, each of which saw the count before the others finished).
 */
export function periodTokenBudget(request: BudgetRequest, state: PeriodBudgetState): BudgetDecision {
  const bound = tokenBound(request)
  if (state.usedTokens + bound <= state.limitTokens) return { ok: true }
  const resets = new Date(state.endsAt).toISOString().replace('.000Z', 'Z')
  return {
    ok: false,
    reason: `the tenant's LLM budget of ${state.limitTokens} tokens per ${state.period} is used up (${state.usedTokens} used; this ${request.kind} call may use up to ${bound}); it resets at ${resets}`,
    retryAfterMs: Math.max(0, state.endsAt - state.now),
  }
}

/** Asks each budget in order; the first refusal is the answer. */
export function combineBudgets(...budgets: LlmBudget[]): LlmBudget {
  return {
    async check(request) {
      for (const budget of budgets) {
        const decision = await budget.check(request)
        if (!decision.ok) return decision
      }
      return { ok: true }
    },
  }
}
