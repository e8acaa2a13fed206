// The assistant's personas: who a question is answered for. Each has the words its questions use (to route a
// question that names no persona), what it cares about (the model's system prompt) and the knowledge-base
// source kinds it reads first. Plain data, so a tenant's edits can be stored and validated against it.
import { analyze } from '../kb/analyze.ts'

export const PERSONA_IDS = ['cfo', 'cro', 'coo', 'cto', 'data_engineer'] as const
export type PersonaId = (typeof PERSONA_IDS)[number]

export interface Persona {
  id: PersonaId
  title: string
  /** The system prompt: what the persona cares about and how it wants answers. */
  focus: string
  /** Words that mark a question as this persona's (analysed like the knowledge base's terms). */
  vocabulary: readonly string[]
}

export const DEFAULT_PERSONAS: Readonly<Record<PersonaId, Persona>> = {
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
  },
}

/** Without a word of any persona's, a question goes to the data engineer: the product's own subject. */
export const FALLBACK_PERSONA: PersonaId = 'data_engineer'

export interface PersonaRoute {
  persona: PersonaId
  /** Why, in words, for the person who asked. */
  reason: string
}

const stemsOf = (words: readonly string[]) => new Set(words.flatMap((w) => analyze(w)))

/** The persona whose words the question uses most (ties go to the earlier persona in PERSONA_IDS). */
export function routeQuestion(
  question: string,
  personas: Readonly<Record<PersonaId, Persona>> = DEFAULT_PERSONAS,
): PersonaRoute {
  const asked = analyze(question)
  let best: { id: PersonaId; hits: string[] } | undefined
  for (const id of PERSONA_IDS) {
    const vocabulary = stemsOf(personas[id].vocabulary)
    const hits = [...new Set(asked.filter((t) => vocabulary.has(t)))]
    if (hits.length > 0 && (!best || hits.length > best.hits.length)) best = { id, hits }
  }
  if (!best)
    return {
      persona: FALLBACK_PERSONA,
      reason: `No persona's subject words appear in the question, so the ${personas[FALLBACK_PERSONA].title.toLowerCase()} answers.`,
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
