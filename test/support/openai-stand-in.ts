// The OpenAI stand-in (dev/vendors/openai.ts) as the integration tests drive it: its URL in the harness,
// the requests it received for a model, and its failure and answer controls.
import { env } from 'cloudflare:workers'
import { expect, inject } from 'vitest'

export const openAiStandIn = () => `${inject('harnessUrl')}/openai`

/** The app's environment with the gateway on the `openai` path, its chat and embedding models named `model`. */
export const openAiEnv = (model: string, budget = 1e9) => ({
  ...env,
  LLM_PROVIDER: 'openai' as const,
  LLM_BASE_URL: `${openAiStandIn()}/v1`,
  LLM_API_KEY: 'sk-stand-in',
  LLM_MODEL: model,
  LLM_EMBEDDING_MODEL: `${model}-embed`,
  LLM_BUDGET_TOKENS: String(budget),
})

export interface OpenAiReceived {
  path: string
  status: number
  body: Record<string, unknown>
}

/** What the stand-in received for `model`, oldest first. */
export async function received(model: string): Promise<OpenAiReceived[]> {
  const res = await fetch(`${openAiStandIn()}/requests?model=${model}`)
  return ((await res.json()) as { data: OpenAiReceived[] }).data
}

/** `fail-next`, `answer-next` or `delay-next`, as the stand-in documents them. */
export async function control(path: 'fail-next' | 'answer-next' | 'delay-next', body: Record<string, unknown>) {
  const res = await fetch(`${openAiStandIn()}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
}
