import { estimateTokens, wordChunks } from '../../core/llm/tokens.ts'
import { citedNumbers } from '../../core/nlp/assistant/cited-numbers.ts'
import { extractiveAnswer } from '../../core/nlp/assistant/extractive-answer.ts'
import { type PersonaId, type PersonaRoute, routeQuestion } from '../../core/nlp/assistant/personas.ts'
import type { KbSourceKind } from '../../core/nlp/kb/document.ts'
import type { Services } from '../container.ts'
import { searchKb } from '../kb/search-kb.ts'
import { ProblemError } from '../problem-error.ts'
import { tenantPersonas, usablePersona } from './personas.ts'

export interface QuestionInput {
  question: string
  persona?: PersonaId | undefined
  /** How many passages the answer may draw on. */
  passages: number
}

export interface Citation {
  n: number
  chunk_id: string
  document_id: string
  document_key: string
  title: string | null
  source_kind: KbSourceKind
  headings: string[]
  text: string
}

/** What the answer is made of, told stage by stage so a client can show each as soon as it exists. */
export interface AnswerStages {
  persona(route: PersonaRoute & { title: string; chosen: 'asked' | 'classified' }): Promise<void>
  citations(citations: Citation[]): Promise<void>
  /** A piece of the answer's text as it is written (offline: word by word); the pieces joined are `answer.text`. */
  delta?(text: string): Promise<void>
  answer(answer: { text: string; cited: number[]; grounded: boolean; provider: string }): Promise<void>
}

const NOTHING_FOUND = 'The knowledge base has no passage that answers this. Add the documents that do, then ask again.'

/** The model's answer's token cap (the budget is asked for it before anything is answered). */
const ANSWER_MAX_TOKENS = 800

export interface PreparedAnswer {
  /** Tells the stages, in order: persona, citations, the answer's pieces, the answer. */
  run(stages: AnswerStages): Promise<void>
}

/**
 * Everything that can refuse a question before any part of its answer is told: the persona (asked for, or
 * chosen among the enabled ones from the question's words with the reason) and, for a model, the tenant's
 * budget. A streamed answer opens its stream only after this, so a refusal is an ordinary problem response.
 */
export async function prepareAnswer(
  services: Services,
  tenantId: string,
  input: QuestionInput,
): Promise<PreparedAnswer> {
  const personas = await tenantPersonas(services, tenantId)
  const route: PersonaRoute | undefined = input.persona
    ? { persona: input.persona, reason: `Asked for the ${personas[input.persona].title}.` }
    : routeQuestion(input.question, personas)
  if (!route) throw new ProblemError('conflict', 'Every persona is disabled in this workspace.')
  const persona = usablePersona(personas, route.persona, 'knowledge_search')
  const llm = services.llm(tenantId, 'nlp.answer', { offlineEmbedsRaw: true })
  if (llm.provider !== 'offline')
    await llm.admit({ estimatedPromptTokens: estimateTokens(input.question), maxCompletionTokens: ANSWER_MAX_TOKENS })
  return {
    async run(stages) {
      await stages.persona({ ...route, title: persona.title, chosen: input.persona ? 'asked' : 'classified' })
      const hits = await searchKb({ db: services.db, llm }, tenantId, {
        query: input.question,
        limit: input.passages,
        mode: 'hybrid',
        // The persona reads only what its (tenant-editable) filter lets through.
        filter: persona.filter,
      })
      const citations = hits.map((hit, i) => ({
        n: i + 1,
        chunk_id: hit.chunkId,
        document_id: hit.documentId,
        document_key: hit.documentKey,
        title: hit.title,
        source_kind: hit.sourceKind as KbSourceKind,
        headings: hit.headings,
        text: hit.text,
      }))
      await stages.citations(citations)
      const delta = async (text: string) => stages.delta?.(text)
      if (llm.provider === 'offline' || citations.length === 0) {
        const answer = extractiveAnswer(input.question, citations)
        const text = answer.text ?? NOTHING_FOUND
        for (const piece of wordChunks(text)) await delta(piece)
        await stages.answer({ text, cited: answer.cited, grounded: answer.text !== null, provider: llm.provider })
        return
      }
      const { text } = await modelAnswer(llm, persona.focus, input.question, citations, delta)
      const cited = citedNumbers(text, new Set(citations.map((c) => c.n)))
      await stages.answer({ text, cited, grounded: text.trim() !== '' && cited.length > 0, provider: llm.provider })
    },
  }
}

/**
 * Answers a question for a persona, as the tenant has it, from the tenant's knowledge base only: the persona,
 * the retrieved passages as numbered citations, then the answer. Offline the answer quotes the passages
 * (extractive); a model answers from them alone, through the gateway (redacted, budgeted, counted, streamed
 * and re-identified piece by piece), and may cite only the passages it was given.
 */
export async function answerQuestion(services: Services, tenantId: string, input: QuestionInput, stages: AnswerStages) {
  await (await prepareAnswer(services, tenantId, input)).run(stages)
}

function modelAnswer(
  llm: ReturnType<Services['llm']>,
  focus: string,
  question: string,
  citations: readonly Citation[],
  onDelta: (text: string) => Promise<void>,
) {
  const passages = citations.map((c) => `[${c.n}] ${[c.title, ...c.headings].filter(Boolean).join(' › ')}\n${c.text}`)
  return llm.streamChat(
    {
      maxTokens: ANSWER_MAX_TOKENS,
      messages: [
        {
          role: 'system',
          content: `${focus}\nAnswer only from the numbered passages; cite each claim as [n]. If they do not answer the question, say so and cite nothing.`,
        },
        { role: 'user', content: `Passages:\n\n${passages.join('\n\n')}\n\nQuestion: ${question}` },
      ],
    },
    onDelta,
  )
}
