import type { LlmError } from '../../core/llm/port.ts'
import { ProblemError } from '../problem-error.ts'

const retryAfter = (ms: number | undefined) =>
  ms === undefined ? undefined : { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) }

/**
 * What the client hears when an LLM call fails (the API's error handler asks this for any LlmError): the
 * tenant's budget used up is `llm-budget-exceeded` (429, Retry-After until the budget's hour or day ends);
 * the provider busy, failing, silent or answering unusably is `llm-unavailable` (503). A request the
 * provider rejects (a bad key or model) or a schema it cannot take is ours to fix: no problem here, so it
 * is logged and answered as a 500. LlmError messages never hold the prompt or the key, so they are safe
 * to show.
 */
export function llmProblem(error: LlmError): ProblemError | undefined {
  const wait = retryAfter(error.details.retryAfterMs)
  switch (error.code) {
    case 'budget_exceeded':
      return new ProblemError(
        'llm_budget_exceeded',
        `${error.message}. Retry after the reset, or ask an operator to raise LLM_BUDGET_TOKENS.`,
        undefined,
        wait,
      )
    case 'rate_limited':
    case 'upstream_error':
    case 'timeout':
    case 'unreachable':
    case 'invalid_output':
    case 'refused':
      return new ProblemError(
        'llm_unavailable',
        `The language model could not answer: ${error.message}.`,
        undefined,
        wait,
      )
    case 'rejected':
    case 'schema_unsupported':
      return undefined
  }
}
