// The OpenAI stand-in (dev/vendors/openai.ts) as the integration tests drive it: its URL in the harness,
// the requests it received for a model, and its failure and answer controls.
import { expect, inject } from 'vitest'

export const openAiStandIn = () => `${inject('harnessUrl')}/openai`

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
