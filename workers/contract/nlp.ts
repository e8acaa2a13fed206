import { z } from '@hono/zod-openapi'
import { PERSONA_IDS, PERSONA_TOOLS } from '../core/nlp/assistant/personas.ts'
import { KB_SOURCE_KINDS } from '../core/nlp/kb/document.ts'
import { KbSearchFilter } from './kb.ts'

// The wire shapes of /v1/nlp: questions answered for a persona from the tenant's knowledge base.

export const NlpQueryBody = z
  .object({
    question: z.string().trim().min(1).max(2000),
    persona: z.enum(PERSONA_IDS).optional().openapi({
      description: 'Leave out to have the question routed to a persona by its words (the reason is given)',
    }),
    passages: z
      .int()
      .min(1)
      .max(10)
      .default(5)
      .openapi({ description: 'How many retrieved passages the answer may use' }),
  })
  .openapi('NlpQuery')

export const PersonaChoice = z
  .object({
    persona: z.enum(PERSONA_IDS),
    title: z.string(),
    reason: z.string(),
    chosen: z.enum(['asked', 'classified']),
  })
  .openapi('PersonaChoice')

export const Citation = z
  .object({
    n: z.int().openapi({ description: 'The number the answer cites as [n]' }),
    chunk_id: z.uuid(),
    document_id: z.uuid(),
    document_key: z.string(),
    title: z.string().nullable(),
    source_kind: z.enum(KB_SOURCE_KINDS),
    headings: z.array(z.string()),
    text: z.string(),
  })
  .openapi('Citation')

export const NlpAnswerText = z
  .object({
    text: z.string(),
    cited: z.array(z.int()),
    grounded: z.boolean().openapi({ description: 'False when no retrieved passage answers: the text then says so' }),
    provider: z.string().openapi({ description: '`offline`: sentences quoted from the passages; otherwise the model' }),
  })
  .openapi('NlpAnswerText')

export const NlpAnswer = z
  .object({ persona: PersonaChoice, citations: z.array(Citation), answer: NlpAnswerText })
  .openapi('NlpAnswer')

export const Persona = z
  .object({
    id: z.enum(PERSONA_IDS),
    title: z.string(),
    focus: z.string().openapi({ description: 'What the persona cares about: the model’s system prompt' }),
    vocabulary: z.array(z.string()).openapi({ description: 'Words that route a question to this persona' }),
    tools: z.array(z.enum(PERSONA_TOOLS)).openapi({
      description:
        '`knowledge_search`: may answer questions from the knowledge base; `workspace_briefing`: may brief from the workspace state',
    }),
    filter: KbSearchFilter.openapi({ description: 'The knowledge-base filter this persona’s answers search under' }),
    enabled: z.boolean().openapi({ description: 'A disabled persona is never routed to and cannot be asked for' }),
    customised: z.boolean().openapi({ description: 'Whether this workspace changed the default' }),
  })
  .openapi('Persona')

export const PersonaUpdate = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    focus: z.string().trim().min(1).max(4000).optional(),
    tools: z
      .array(z.enum(PERSONA_TOOLS))
      .max(PERSONA_TOOLS.length)
      .refine((tools) => new Set(tools).size === tools.length, 'Each tool at most once')
      .optional(),
    filter: KbSearchFilter.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi('PersonaUpdate', {
    description:
      'This workspace’s edit of a persona: each field given replaces the default’s, each left out keeps it. A new edit replaces the previous one.',
  })

export const PersonaList = z.object({ data: z.array(Persona) }).openapi('PersonaList')

export const PersonaParam = z.object({
  persona: z.enum(PERSONA_IDS).openapi({ param: { name: 'persona', in: 'path' } }),
})

export const PersonaBriefing = z
  .object({
    persona: z.enum(PERSONA_IDS),
    title: z.string(),
    generated_at: z.string(),
    points: z.array(
      z.object({
        topic: z.string(),
        text: z.string(),
        source: z
          .enum(['jobs', 'connections', 'drift', 'llm'])
          .openapi({ description: 'Where the figures come from: the console page and API that show them' }),
      }),
    ),
  })
  .openapi('PersonaBriefing')
