// Where the schema matcher's evidence is ambiguous, an LLM is asked to pick among the candidates; this
// is the pure part: which fields to ask about, the question, the answer's shape (the candidates as an
// enum, so an answer that is not one of them fails validation and the field stays unmatched), and the
// suggestions once answered. One target per source and one source per target still hold.
import { z } from 'zod'
import type { ChatMessage } from '../../llm/port.ts'
import type { MappingCandidate, MappingResult } from './result.ts'

export type SuggestionProvenance = 'heuristic' | 'llm'

export interface SettledSuggestion {
  source: string
  target: string
  confidence: number
  evidence: string[]
  provenance: SuggestionProvenance
}

export interface Question {
  source: string
  /** Best first; for an ambiguous suggestion its own target leads. */
  candidates: MappingCandidate[]
  /** The matcher's pick (kept when no LLM is asked and nothing competes any more). */
  suggested?: MappingCandidate
}

/** An answer: a candidate, null ("none fits"), or undefined (no answer: not asked or the call failed). */
export type Answer = string | null | undefined

export const answerSchema = (candidates: readonly string[]) =>
  z.object({
    target: z
      .enum(candidates as [string, ...string[]])
      .nullable()
      .describe('The one target field the source field fills, or null when none of them does'),
  })

export function questionMessages(
  entity: string,
  question: Question,
  samples: readonly unknown[],
  /** The tenant's decisions on fields of similar names, in words (decisions.ts precedentsFor). */
  precedents: readonly string[] = [],
): readonly ChatMessage[] {
  const shown = samples
    .filter((s) => s !== null && s !== undefined && s !== '')
    .slice(0, 5)
    .map((s) => (typeof s === 'string' ? s : JSON.stringify(s)))
  return [
    {
      role: 'system',
      content: `You map fields of a source system to the canonical ${entity} entity. Pick the one target field the source field fills, or null when none does. A look-alike with another meaning (shipping vs billing, creator vs owner, another system's id) is null.`,
    },
    {
      role: 'user',
      content: [
        `Source field: ${question.source}`,
        ...(shown.length > 0 ? [`Sample values: ${shown.join(' ; ')}`] : []),
        `Candidates: ${question.candidates.map((c) => `${c.target} (${c.evidence.join('; ')})`).join(' | ')}`,
        ...(precedents.length > 0
          ? ["This workspace's earlier decisions on fields like it:", ...precedents.map((p) => `- ${p}`)]
          : []),
      ].join('\n'),
    },
  ]
}

/** The matcher's result split into what stands on its own and what to ask about. */
export function splitAmbiguous(result: MappingResult) {
  const settled: SettledSuggestion[] = []
  const questions: Question[] = []
  const unmatched: { source: string; reason: string }[] = []
  for (const s of result.suggestions) {
    const own = { target: s.target, confidence: s.confidence, evidence: s.evidence }
    if (s.ambiguous) questions.push({ source: s.source, candidates: [own, ...s.candidates], suggested: own })
    else settled.push({ ...own, source: s.source, provenance: 'heuristic' })
  }
  for (const u of result.unmatched) {
    if (u.ambiguous && u.candidates.length > 0) questions.push({ source: u.source, candidates: u.candidates })
    else unmatched.push({ source: u.source, reason: u.reason })
  }
  return { settled, questions, unmatched }
}

/** A question without the targets that surer fields already took. */
export function openCandidates(question: Question, taken: ReadonlySet<string>): Question {
  return { ...question, candidates: question.candidates.filter((c) => !taken.has(c.target)) }
}

/** Whether a question still needs asking: two or more candidates, or one that is not the matcher's own pick. */
export const needsAsking = (question: Question) =>
  question.candidates.length > 1 || (question.candidates.length === 1 && !question.suggested)

/** The suggestion an answer makes, or why the field stays unmatched. */
export function settleAnswer(
  question: Question,
  answer: Answer,
): { suggestion: SettledSuggestion } | { unmatched: { source: string; reason: string } } {
  const { source, candidates } = question
  const [only] = candidates
  if (candidates.length === 1 && only && question.suggested?.target === only.target)
    return { suggestion: { source, ...only, provenance: 'heuristic' } }
  const names = candidates.map((c) => c.target).join(', ')
  if (candidates.length === 0)
    return { unmatched: { source, reason: 'its candidate targets are taken by fields with stronger evidence' } }
  if (answer === undefined) return { unmatched: { source, reason: `ambiguous between ${names}; no LLM answer` } }
  const picked = candidates.find((c) => c.target === answer)
  if (!picked) return { unmatched: { source, reason: `ambiguous between ${names}; the LLM said none fits` } }
  return {
    suggestion: {
      source,
      target: picked.target,
      confidence: picked.confidence,
      evidence: [...picked.evidence, `asked an LLM to choose among ${names}: it picked ${picked.target}`],
      provenance: 'llm',
    },
  }
}
