import type { Redis } from '@upstash/redis'
import type { LlmConfig } from '../../adapters/llm/index.ts'
import type { Logger } from '../../adapters/logger.ts'
import type { Config } from '../../env.ts'

/** The configuration the LLM gateway reads: the provider's, and the tenant budget's. */
export type LlmGatewayConfig = LlmConfig & Pick<Config, 'LLM_BUDGET_TOKENS' | 'LLM_BUDGET_PERIOD'>

/**
 * What the gateway needs from the unit of work: `Services` has all of it (declared here, not imported, so
 * the container can build the gateway without an import cycle). `now` is for tests.
 */
export interface LlmGatewayDeps {
  config: LlmGatewayConfig
  readonly redis: Redis
  log: Logger
  now?: () => number
}
