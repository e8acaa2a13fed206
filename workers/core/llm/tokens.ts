// Token counts before a call (for the budget) and for the offline provider's usage. A model's own tokenizer
// is not available at the edge; about four characters per token holds for English text and JSON and errs
// high for short words, which is the safe side for a budget. Providers report the real counts afterwards.
import type { ChatMessage } from './port.ts'

const CHARS_PER_TOKEN = 4
/** Role markers and separators each message costs on top of its text (OpenAI's chat format). */
const PER_MESSAGE = 4

export const estimateTokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN)

export const estimatePromptTokens = (messages: readonly ChatMessage[], schemaJson = '') =>
  messages.reduce((sum, m) => sum + PER_MESSAGE + estimateTokens(m.content), estimateTokens(schemaJson))

/** A text cut before each word (whitespace stays with the word before it): joined, the pieces are the text. */
export const wordChunks = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\s)(?=\S)/))
