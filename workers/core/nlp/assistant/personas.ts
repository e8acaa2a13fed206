// The assistant's personas: who a question is answered for. Each has the words its questions use (to route a
// question that names no persona), what it cares about (the model's system prompt) and the knowledge-base
// tools it may use and the retrieval filter its answers search under. Plain data: a tenant's edits are stored as
// overrides of these defaults (effectivePersonas), each field either the tenant's or the default's.
import { analyze } from '../kb/analyze.ts'
import type { KbSearchRequest } from '../kb/document.ts'

export const PERSONA_IDS = ['cfo', 'cro', 'coo', 'cto', 'data_engineer'] as const
export type PersonaId = (typeof PERSONA_IDS)[number]

/**
 * What a persona may do: `knowledge_search` answers questions from the knowledge base (`POST /v1/nlp/query`),
 * `workspace_briefing` builds its briefing from the workspace's state (`GET …/{persona}/summary`).
 */
export const PERSONA_TOOLS = ['knowledge_search', 'workspace_briefing'] as const
export type PersonaTool = (typeof PERSONA_TOOLS)[number]

/** The knowledge-base filter a persona's answers search under (the search API's own filter). */
export type PersonaFilter = NonNullable<KbSearchRequest['filter']>

export interface Persona {
  id: PersonaId
  title: string
  /** The system prompt: what the persona cares about and how it wants answers. */
  focus: string
  /** Words that mark a question as this persona's (analysed like the knowledge base's terms). */
  vocabulary: readonly string[]
  tools: readonly PersonaTool[]
  filter: PersonaFilter
  /** A disabled persona is never routed to and cannot be asked for. */
  enabled: boolean
}

/** A tenant's edit of one persona: each field given replaces the default's. */
export interface PersonaOverride {
  title?: string | undefined
  focus?: string | undefined
  tools?: readonly PersonaTool[] | undefined
  filter?: PersonaFilter | undefined
  enabled?: boolean | undefined
}

export type Personas = Readonly<Record<PersonaId, Persona>>

const ALL_TOOLS: readonly PersonaTool[] = PERSONA_TOOLS

export const DEFAULT_PERSONAS: Personas = {
  cfo: {
    id: 'cfo',
    title: 'CFO',
    focus:
      'You brief a chief financial officer: cost, spend, budget, margin, invoices and risk to revenue recognition. Lead with figures and their source.',
    vocabulary: [
      'cost',
      'spend',
      'budget',
      'invoice',
      'billing',
      'margin',
      'expense',
      'price',
      'finance',
      'financial',
      'cash',
      'profit',
      'refund',
      'tax',
      'audit',
      'forecast',
      'payment',
      'dollar',
      'euro',
    ],
    tools: ALL_TOOLS,
    filter: {},
    enabled: true,
  },
  cro: {
    id: 'cro',
    title: 'CRO',
    focus:
      'You brief a chief revenue officer: pipeline, opportunities, accounts, customers, churn and bookings. Name the accounts and deals concerned.',
    vocabulary: [
      'revenue',
      'pipeline',
      'opportunity',
      'deal',
      'account',
      'customer',
      'churn',
      'booking',
      'sales',
      'quota',
      'renewal',
      'lead',
      'prospect',
      'win',
      'close',
      'contract',
      'upsell',
    ],
    tools: ALL_TOOLS,
    filter: {},
    enabled: true,
  },
  coo: {
    id: 'coo',
    title: 'COO',
    focus:
      'You brief a chief operating officer: whether operations run — syncs, jobs, failures, delays, service levels and who must act. Be concrete about what is late or broken.',
    vocabulary: [
      'operation',
      'process',
      'delay',
      'late',
      'sla',
      'incident',
      'outage',
      'team',
      'workflow',
      'job',
      'fail',
      'status',
      'schedule',
      'backlog',
      'support',
      'policy',
      'shipping',
      'order',
    ],
    tools: ALL_TOOLS,
    filter: {},
    enabled: true,
  },
  cto: {
    id: 'cto',
    title: 'CTO',
    focus:
      'You brief a chief technology officer: architecture, security, reliability, integrations and vendors. Be precise about systems and risks.',
    vocabulary: [
      'security',
      'architecture',
      'api',
      'latency',
      'infrastructure',
      'vendor',
      'integration',
      'system',
      'reliability',
      'uptime',
      'encryption',
      'access',
      'key',
      'token',
      'deploy',
      'cloud',
      'model',
      'llm',
    ],
    tools: ALL_TOOLS,
    filter: {},
    enabled: true,
  },
  data_engineer: {
    id: 'data_engineer',
    title: 'Data engineer',
    focus:
      'You help a data engineer: sources, streams, schemas, drift, mappings, quarantined rows and repairs. Name fields and streams exactly.',
    vocabulary: [
      'schema',
      'field',
      'column',
      'stream',
      'drift',
      'mapping',
      'map',
      'source',
      'connection',
      'sync',
      'table',
      'record',
      'row',
      'quarantine',
      'type',
      'rename',
      'csv',
      'postgres',
      'salesforce',
      'mongodb',
      'entity',
    ],
    tools: ALL_TOOLS,
    filter: {},
    enabled: true,
  },
}

/** The defaults with the tenant's overrides applied, and which personas the tenant changed. */
export function effectivePersonas(overrides: ReadonlyMap<PersonaId, PersonaOverride>): {
  personas: Personas
  customised: ReadonlySet<PersonaId>
} {
  const personas = Object.fromEntries(
    PERSONA_IDS.map((id) => {
      const base = DEFAULT_PERSONAS[id]
      const edit = overrides.get(id) ?? {}
      return [
        id,
        {
          ...base,
          title: edit.title ?? base.title,
          focus: edit.focus ?? base.focus,
          tools: edit.tools ?? base.tools,
          filter: edit.filter ?? base.filter,
          enabled: edit.enabled ?? base.enabled,
        },
      ]
    }),
  ) as Record<PersonaId, Persona>
  return { personas, customised: new Set(overrides.keys()) }
}

/** Without a word of any persona's, a question goes to the data engineer: the product's own subject. */
export const FALLBACK_PERSONA: PersonaId = 'data_engineer'

export interface PersonaRoute {
  persona: PersonaId
  /** Why, in words, for the person who asked. */
  reason: string
}

const stemsOf = (words: readonly string[]) => new Set(words.flatMap((w) => analyze(w)))

/**
 * The enabled persona whose words the question uses most (ties go to the earlier persona in PERSONA_IDS);
 * without one, the fallback, or the first enabled persona when the tenant disabled the fallback. Undefined
 * only when every persona is disabled.
 */
export function routeQuestion(question: string, personas: Personas = DEFAULT_PERSONAS): PersonaRoute | undefined {
  const asked = analyze(question)
  let best: { id: PersonaId; hits: string[] } | undefined
  for (const id of PERSONA_IDS) {
    if (!personas[id].enabled) continue
    const vocabulary = stemsOf(personas[id].vocabulary)
    const hits = [...new Set(asked.filter((t) => vocabulary.has(t)))]
    if (hits.length > 0 && (!best || hits.length > best.hits.length)) best = { id, hits }
  }
  if (!best) {
    const fallback = personas[FALLBACK_PERSONA].enabled
      ? FALLBACK_PERSONA
      : PERSONA_IDS.find((id) => personas[id].enabled)
    if (!fallback) return undefined
    return {
      persona: fallback,
      reason: `No persona's subject words appear in the question, so the ${personas[fallback].title.toLowerCase()} answers.`,
    }
  }
  const hits = new Set(best.hits)
  // The question's own words, not their stems, so the reason reads as the person wrote it.
  const asWritten = question
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => hits.has(analyze(word)[0] ?? ''))
  const words = [...new Set(asWritten)].map((w) => `“${w}”`).join(', ')
  return { persona: best.id, reason: `The question is about ${words}: the ${personas[best.id].title}'s subject.` }
}
