import { z } from 'zod'
import { type ExtractiveAnswer, extractiveAnswer } from '../../core/nlp/assistant/extractive-answer.ts'
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
  answer(answer: { text: string; cited: number[]; grounded: boolean; provider: string }): Promise<void>
}

const NOTHING_FOUND = 'The knowledge base has no passage that answers this. Add the documents that do, then ask again.'

const ModelAnswer = z.object({
  answer: z.string().max(4000),
  cited: z.array(z.int().min(1)).max(20),
})

/**
 * Answers a question for a persona, as the tenant has it, from the tenant's knowledge base only: the persona
 * (asked for, or chosen among the enabled ones from the question's words with the reason), the retrieved passages as numbered citations, then the answer.
 * Offline the answer quotes the passages (extractive); a model answers from them alone, through the gateway
 * (redacted, budgeted, counted), and may cite only the passages it was given.
 */
export async function answerQuestion(services: Services, tenantId: string, input: QuestionInput, stages: AnswerStages) {
  const personas = await tenantPersonas(services, tenantId)
  const route: PersonaRoute | undefined = input.persona
    ? { persona: input.persona, reason: `Asked for the ${personas[input.persona].title}.` }
    : routeQuestion(input.question, personas)
  if (!route) throw new ProblemError('conflict', 'Every persona is disabled in this workspace.')
  const persona = usablePersona(personas, route.persona, 'knowledge_search')
  await stages.persona({ ...route, title: persona.title, chosen: input.persona ? 'asked' : 'classified' })

  const llm = services.llm(tenantId, 'nlp.answer', { offlineEmbedsRaw: true })
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

  const answer: ExtractiveAnswer =
    llm.provider === 'offline' || citations.length === 0
      ? extractiveAnswer(input.question, citations)
      : await modelAnswer(llm, persona.focus, input.question, citations)
  await stages.answer({
    text: answer.text ?? NOTHING_FOUND,
    cited: answer.cited,
    grounded: answer.text !== null,
    provider: llm.provider,
  })
}

async function modelAnswer(
  llm: ReturnType<Services['llm']>,
  focus: string,
  question: string,
  citations: readonly Citation[],
): Promise<ExtractiveAnswer> {
  const passages = citations.map((c) => `[${c.n}] ${[c.title, ...c.headings].filter(Boolean).join(' › ')}\n${c.text}`)
  const { value } = await llm.chat({
    name: 'cited_answer',
    schema: ModelAnswer,
    maxTokens: 800,
    messages: [
      {
        role: 'system',
        content: `${focus}\nAnswer only from the numbered passages; cite each claim as [n]. If they do not answer the question, say so and cite nothing.`,
      },
      { role: 'user', content: `Passages:\n\n${passages.join('\n\n')}\n\nQuestion: ${question}` },
    ],
  })
  const known = new Set(citations.map((c) => c.n))
  // A citation of a passage it was not given is dropped: the answer may only point at what was retrieved.
  const cited = [...new Set(value.cited.filter((n) => known.has(n)))]
  const text = llm.reidentify(value.answer).trim()
  return { text: text === '' || cited.length === 0 ? null : text, cited }
}
