import { recordLlmCall } from '../../adapters/llm-telemetry.ts'
import { budgetPeriod } from '../../core/llm/budget.ts'
import type { LlmErrorCode, LlmUsage } from '../../core/llm/port.ts'
import { callIncrements, hourBucket } from '../../core/llm/telemetry.ts'
import { REDIS_WAIT_MS, within } from '../within.ts'
import type { LlmGatewayDeps } from './deps.ts'

export interface LlmCallOutcome {
  feature: string
  /** The usage the provider reported, answered or failed; absent only when it failed before building any. */
  usage: LlmUsage | undefined
  error?: LlmErrorCode
  /** Whether the call's tokens count against the tenant's budget (real providers only: offline calls are free). */
  budgeted: boolean
}

/**
 * Adds one call to the tenant's telemetry and, when budgeted, its tokens to the budget's count. Never
 * throws: when Redis refuses or hangs, the counts are dropped and a warning logged (without the prompt),
 * so the call being measured is answered all the same.
 */
export async function recordLlmCallOutcome(deps: LlmGatewayDeps, tenantId: string, outcome: LlmCallOutcome) {
  const at = (deps.now ?? Date.now)()
  const usage = outcome.usage
  const call = {
    feature: outcome.feature,
    model: usage?.model ?? 'unknown',
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
    latencyMs: usage?.latencyMs ?? 0,
    attempts: usage?.attempts ?? 0,
    ...(usage?.firstTokenMs === undefined ? {} : { firstTokenMs: usage.firstTokenMs }),
    ...(outcome.error ? { error: outcome.error } : {}),
  }
  const period = budgetPeriod(deps.config.LLM_BUDGET_PERIOD, at)
  try {
    await within(
      recordLlmCall(deps.redis, tenantId, {
        increments: callIncrements(call),
        hour: hourBucket(at),
        budget: {
          periodKey: period.key,
          // The count outlives its period by an hour, so a reader at the boundary still finds it.
          ttlSeconds: Math.ceil((period.endsAt - at) / 1000) + 3600,
          tokens: outcome.budgeted ? call.promptTokens + call.completionTokens : 0,
        },
      }),
      REDIS_WAIT_MS,
      'LLM telemetry write',
    )
  } catch (error) {
    deps.log('warn', 'LLM telemetry dropped: Redis did not take the call’s counts', {
      tenant_id: tenantId,
      feature: call.feature,
      model: call.model,
      ...(call.error ? { llm_error: call.error } : {}),
      error: String(error),
    })
  }
}
