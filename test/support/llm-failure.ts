import { LlmError } from '../../workers/core/llm/port.ts'

/** The LlmError a provider call rejects with; anything else (or no rejection) fails the test. */
export async function llmFailure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof LlmError) return error
    throw error
  }
  throw new Error('expected an LlmError')
}
