// The default budget: refuses any single call whose token bound (estimated prompt + the answer's cap) is
// above a cap, so one oversized prompt (a whole table pasted in) cannot run up a bill. It keeps no state.
// Budgets per tenant over time (tokens or cost per hour and day, kept in Redis beside the LLM telemetry) are
// planned under #17 point 2 and will implement the same LlmBudget interface; nothing here counts calls yet.
import type { BudgetDecision, BudgetRequest, LlmBudget } from './port.ts'

export function perCallTokenCap(maxTokensPerCall: number): LlmBudget {
  return {
    check(request: BudgetRequest): BudgetDecision {
      const bound = request.estimatedPromptTokens + request.maxCompletionTokens
      return bound <= maxTokensPerCall
        ? { ok: true }
        : {
            ok: false,
            reason: `the ${request.kind} call may use ${bound} tokens (about ${request.estimatedPromptTokens} in, up to ${request.maxCompletionTokens} out), above the ${maxTokensPerCall}-token cap per call`,
          }
    },
  }
}
