// Suggesting a stream's mappings: the schema matcher over the stream's latest schema (with samples of
// its stored records), the canonical entity's fields (with values the DCL already holds) and the tenant's
// past decisions (those on fields of similar names retrieved from its knowledge base); an LLM asked only where the evidence is ambiguous; each suggestion written as a
// proposed registry version for a person to accept or reject.
import { findConnection, listRecords } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { listEntities } from '../../adapters/db/dcl-repo.ts'
import {
  asStoredVersion,
  listLatestVersions,
  type MappingVersionRow,
  streamLatestVersions,
  streamRejectedPairs,
} from '../../adapters/db/mapping-registry-repo.ts'
import { EVENT_ENTITIES } from '../../contract/vocabulary/entities.ts'
import type { SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { recordKeyOf } from '../../core/aam/source-record.ts'
import {
  type Answer,
  answerSchema,
  needsAsking,
  openCandidates,
  questionMessages,
  type SettledSuggestion,
  settleAnswer,
  splitAmbiguous,
} from '../../core/dcl/mapping/ambiguity.ts'
import { canonicalTargetFields } from '../../core/dcl/mapping/canonical-target.ts'
import { precedentsFor } from '../../core/dcl/mapping/decisions.ts'
import { matchSchemas } from '../../core/dcl/mapping/match-schemas.ts'
import { precedentOf } from '../../core/dcl/mapping/precedents.ts'
import { claimRecordKey } from '../../core/dcl/mapping/record-key.ts'
import type { MappingDecision, MappingResult } from '../../core/dcl/mapping/result.ts'
import type { MappingStatus } from '../../core/dcl/registry/mapping-entry.ts'
import { type EventEntity, effectiveVersions, missingRequired } from '../../core/dcl/registry/stream-entity-mapping.ts'
import { LlmError } from '../../core/llm/port.ts'
import { loadStream } from '../aam/load-connection.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { similarMappingDecisions } from './mapping-precedents.ts'
import { announceMapping, writeNextVersion } from './mapping-versions.ts'
import { presentMapping } from './present-mapping.ts'

/** Stored records read for samples, values per field kept, and rows of the target entity read. */
const RECORDS_SAMPLED = 200
const SAMPLES_PER_FIELD = 20
const ENTITY_ROWS_SAMPLED = 200
/** The most ambiguous fields one request asks an LLM about: the rest stay as the matcher left them. */
const MAX_LLM_QUESTIONS = 25
/** Past decisions read per verdict. */
const DECISIONS_READ = 2000

type Input = { stream_id: string; entity?: EventEntity | undefined; actor: Actor }

/** Values per field path of some rows (flat keys as they are, as the matcher reads source paths). */
function valuesByField(rows: readonly Record<string, unknown>[]): Record<string, unknown[]> {
  const values: Record<string, unknown[]> = {}
  for (const row of rows)
    for (const [path, value] of Object.entries(row)) {
      if (value === null || value === undefined || value === '' || typeof value === 'object') continue
      const list = values[path] ?? []
      values[path] = list
      if (list.length < SAMPLES_PER_FIELD && !list.includes(value)) list.push(value)
    }
  return values
}

const strength = (result: MappingResult) => result.suggestions.reduce((sum, s) => sum + s.confidence, 0)

export async function suggestMappings(services: Services, tenantId: string, input: Input) {
  const stream = await loadStream(services, tenantId, input.stream_id)
  const schema = (stream.schema ?? []) as SnapshotField[]
  if (schema.length === 0)
    throw new ProblemError(
      'conflict',
      `Stream ${stream.id} has no schema snapshot yet: sync its connection first (POST /v1/connections/${stream.connectionId}/sync, or upload a file), then ask again.`,
    )
  const entities = input.entity ? [input.entity] : EVENT_ENTITIES
  const read = await withTenant(services.db, tenantId, async (tx) => {
    const connection = await findConnection(tx, tenantId, stream.connectionId)
    if (!connection) throw new ProblemError('not_found', `No stream ${stream.id} in this tenant.`)
    const registryStream = { sourceSystem: connection.kind, connectionId: connection.id, sourceStream: stream.name }
    const entityRows = new Map<EventEntity, Record<string, unknown>[]>()
    for (const entity of entities)
      entityRows.set(
        entity,
        (await listEntities(tx, tenantId, entity, ENTITY_ROWS_SAMPLED, 0)).map((r) => r.data),
      )
    return {
      connection,
      records: await listRecords(tx, tenantId, stream.id, RECORDS_SAMPLED),
      current: await streamLatestVersions(tx, tenantId, registryStream),
      rejected: await streamRejectedPairs(tx, tenantId, registryStream),
      accepted: await listLatestVersions(tx, tenantId, { status: 'accepted', limit: DECISIONS_READ }),
      refused: await listLatestVersions(tx, tenantId, { status: 'rejected', limit: DECISIONS_READ }),
      entityRows,
    }
  })
  const { connection } = read

  // The snapshot's own samples, then values of the stored records (a stored record keeps every source
  // field under `attributes`, as read).
  const recordValues = valuesByField(read.records.map((r) => (r.data.attributes ?? {}) as Record<string, unknown>))
  const source = schema.map((field) => {
    const samples = [...(field.samples ?? []), ...(recordValues[field.path] ?? [])].slice(0, SAMPLES_PER_FIELD)
    return samples.length > 0 ? { ...field, samples } : field
  })
  // Decisions on fields of similar names, retrieved from the knowledge base (none to find without any decisions).
  const precedents =
    read.accepted.length + read.refused.length > 0
      ? await similarMappingDecisions(
          services,
          tenantId,
          schema.map((f) => f.path),
        )
      : []
  const decisionsFor = (entity: EventEntity): MappingDecision[] => [
    ...[...read.accepted, ...read.refused]
      .filter((v) => v.entity === entity)
      .map((v) => ({ source: v.sourcePath, target: v.field, verdict: v.status as MappingDecision['verdict'] })),
    ...precedents.filter((d) => d.entity === entity).map(precedentOf),
  ]

  const [best] = entities
    .map((entity) => ({
      entity,
      result: matchSchemas({
        source,
        target: canonicalTargetFields(entity),
        targetSamples: valuesByField(read.entityRows.get(entity) ?? []),
        decisions: decisionsFor(entity),
      }),
    }))
    .sort((a, b) => strength(b.result) - strength(a.result))
  if (!best) throw new Error('no canonical entity to map to')
  const { entity, result } = best
  const decisions = decisionsFor(entity)

  // The ambiguous fields, asked one by one so a target the LLM gives one field is not offered to the next.
  const { settled, questions, unmatched } = claimRecordKey(
    splitAmbiguous(result),
    recordKeyOf(connection.kind, connection.config),
    schema.map((f) => f.path),
  )
  const taken = new Set(settled.map((s) => s.target))
  const llm = services.llm(tenantId, 'dcl.mapping')
  let asked = 0
  for (const question of questions) {
    const open = openCandidates(question, taken)
    let answer: Answer
    if (needsAsking(open) && asked < MAX_LLM_QUESTIONS) {
      asked++
      answer = await askLlm(
        services,
        llm,
        entity,
        open,
        source.find((f) => f.path === question.source)?.samples ?? [],
        precedentsFor(question.source, decisions),
      )
    }
    const outcome = settleAnswer(open, answer)
    if ('suggestion' in outcome) {
      settled.push(outcome.suggestion)
      taken.add(outcome.suggestion.target)
    } else unmatched.push(outcome.unmatched)
  }

  // Pairs the tenant rejected are never proposed again; pairs the newest version already states are left alone.
  const rejected = new Set(read.rejected.map((r) => `${r.sourcePath}\u0000${r.entity}\u0000${r.field}`))
  const newest = new Map(effectiveVersions(read.current.map(asStoredVersion)).map((v) => [v.source_path, v]))
  const ownNewest = new Map(read.current.filter((v) => v.connectionId === connection.id).map((v) => [v.sourcePath, v]))
  const toWrite: SettledSuggestion[] = []
  const alreadyStated: { source_path: string; field: string; status: MappingStatus }[] = []
  for (const s of settled) {
    const stated = newest.get(s.source)
    if (rejected.has(`${s.source}\u0000${entity}\u0000${s.target}`))
      unmatched.push({ source: s.source, reason: `${entity}.${s.target} was rejected before` })
    else if (stated && stated.entity === entity && stated.field === s.target)
      alreadyStated.push({ source_path: s.source, field: s.target, status: stated.status })
    else toWrite.push(s)
  }
  const written = await withTenant(services.db, tenantId, async (tx) => {
    const rows: MappingVersionRow[] = []
    for (const s of toWrite)
      rows.push(
        await writeNextVersion(tx, tenantId, {
          content: {
            sourceSystem: connection.kind,
            connectionId: connection.id,
            sourceStream: stream.name,
            sourcePath: s.source,
            entity,
            field: s.target,
            transform: 'none',
            confidence: s.confidence,
            status: 'proposed',
            note: null,
            evidence: s.evidence,
          },
          version: (ownNewest.get(s.source)?.version ?? 0) + 1,
          provenance: s.provenance,
          actor: input.actor,
          action: 'mapping.suggested',
        }),
      )
    return rows
  })
  for (const row of written) await announceMapping(services, tenantId, row)

  const stillHeld = [...newest.values()].filter(
    (v) => v.entity === entity && (v.status === 'accepted' || v.status === 'proposed'),
  )
  return {
    stream_id: stream.id,
    entity,
    suggestions: written.map(presentMapping),
    already_stated: alreadyStated,
    unmatched: unmatched.map((u) => ({ source_path: u.source, reason: u.reason })),
    llm_questions: asked,
    missing_required: missingRequired(entity, [...stillHeld.map((v) => v.field), ...written.map((w) => w.field)]),
  }
}

/** The LLM's pick for one ambiguous field; undefined when it cannot answer (the field then stays unmatched). */
async function askLlm(
  services: Services,
  llm: ReturnType<Services['llm']>,
  entity: EventEntity,
  question: Parameters<typeof questionMessages>[1],
  samples: readonly unknown[],
  precedents: readonly string[],
): Promise<Answer> {
  try {
    const { value } = await llm.chat({
      messages: questionMessages(entity, question, samples, precedents),
      schema: answerSchema(question.candidates.map((c) => c.target)),
      name: 'mapping_choice',
      maxTokens: 100,
      temperature: 0,
    })
    return value.target
  } catch (error) {
    if (!(error instanceof LlmError)) throw error
    services.log('warn', 'LLM could not settle an ambiguous mapping', { code: error.code, field: question.source })
    return undefined
  }
}
