// The shapes of schema matching: what a caller passes (past decisions) and what it gets back
// (suggestions with confidence and evidence, the fields left unmatched and why, and which of
// either are ambiguous enough to ask an LLM or a person about).
import { z } from 'zod'

export const MappingCandidateSchema = z
  .object({
    target: z.string(),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.string()),
  })
  .meta({ id: 'MappingCandidate', description: 'Another target the evidence also points to' })
export type MappingCandidate = z.infer<typeof MappingCandidateSchema>

export const MappingSuggestionSchema = z
  .object({
    source: z.string(),
    target: z.string(),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.string()).meta({ description: 'Why, in plain words' }),
    ambiguous: z
      .boolean()
      .meta({ description: 'The evidence is thin or a competitor is close: worth a second opinion' }),
    candidates: z.array(MappingCandidateSchema).meta({ description: 'Competing targets, best first' }),
  })
  .meta({ id: 'MappingSuggestion' })
export type MappingSuggestion = z.infer<typeof MappingSuggestionSchema>

export const UnmatchedFieldSchema = z
  .object({
    source: z.string(),
    reason: z.string(),
    ambiguous: z.boolean(),
    candidates: z.array(MappingCandidateSchema),
  })
  .meta({ id: 'UnmatchedSourceField' })
export type UnmatchedField = z.infer<typeof UnmatchedFieldSchema>

export const MappingResultSchema = z
  .object({
    suggestions: z.array(MappingSuggestionSchema),
    unmatched: z.array(UnmatchedFieldSchema),
    ambiguous_fields: z.number().int().nonnegative().meta({ description: 'Source fields an LLM could be asked about' }),
  })
  .meta({ id: 'MappingResult' })
export type MappingResult = z.infer<typeof MappingResultSchema>

export const MappingDecisionSchema = z
  .object({
    source: z.string().min(1),
    target: z.string().min(1),
    verdict: z.enum(['accepted', 'rejected']),
    /**
     * Set on a decision retrieved as a precedent (precedents.ts): where, when and by whom it was made. Such a
     * decision also weighs on fields of a similar name, and its evidence names it.
     */
    precedent: z
      .object({ id: z.string(), entity: z.string(), where: z.string(), at: z.string(), by: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'MappingDecision', description: "A tenant's earlier verdict on a source field → target field pair" })
export type MappingDecision = z.infer<typeof MappingDecisionSchema>
