import { readBudgetUsed } from '../../adapters/llm-telemetry.ts'
import { budgetPeriod, periodTokenBudget } from '../../core/llm/budget.ts'
import type { LlmBudget } from '../../core/llm/port.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'
import type { LlmGatewayDeps } from './deps.ts'

/**
 * The tenant's tokens per UTC hour or day (LLM_BUDGET_TOKENS per LLM_BUDGET_PERIOD), counted in Redis by
 * record-llm-call.ts. When Redis cannot be read the call goes ahead (logged): a Redis outage must not stop
 * every LLM feature of every tenant, and each call is still bounded by the per-call cap; the calls made
 * meanwhile are not counted, so a tenant may exceed its budget by what the outage let through.
 */
export function tenantTokenBudget(deps: LlmGatewayDeps, tenantId: string): LlmBudget {
  const { config, log } = deps
  const now = deps.now ?? Date.now
  return {
    async check(request) {
      const at = now()
      const period = budgetPeriod(config.LLM_BUDGET_PERIOD, at)
      let usedTokens: number
      try {
        usedTokens = await within(readBudgetUsed(deps.redis, tenantId, period.key), REDIS_WAIT_MS, 'LLM budget read')
      } catch (error) {
        log('warn', 'LLM budget unreadable (Redis); the call goes ahead under the per-call cap only', {
          tenant_id: tenantId,
          feature: request.feature,
          error: String(error),
        })
        return { ok: true }
      }
      return periodTokenBudget(request, {
        period: config.LLM_BUDGET_PERIOD,
        limitTokens: config.LLM_BUDGET_TOKENS,
        usedTokens,
        endsAt: period.endsAt,
        now: at,
      })
    },
  }
}
