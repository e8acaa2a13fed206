// The canonical event: a CloudEvents 1.0 envelope (structured mode, JSON) around one canonical
// entity. `tenantid` is a CloudEvents extension attribute (lowercase alphanumeric, per the spec).
// `id` is deterministic (see event-id.ts) so consumers deduplicate redeliveries by it.
import { z } from 'zod'
import { CANONICAL_SCHEMAS, type CanonicalEntity, dataSchemaOf, eventTypeOf } from './registry.ts'

function envelope<E extends CanonicalEntity>(entity: E) {
  return z.object({
    specversion: z.literal('1.0'),
    id: z.string().min(1),
    source: z.string().min(1), // URI-reference of the producing connector, e.g. aos://sources/<id>
    type: z.literal(eventTypeOf(entity)),
    subject: z.string().min(1), // the entity's external_id
    time: z.iso.datetime(),
    tenantid: z.uuid(),
    datacontenttype: z.literal('application/json'),
    dataschema: z.literal(dataSchemaOf(entity)),
    data: CANONICAL_SCHEMAS[entity],
  })
}

export const AccountEventSchema = envelope('account')
export const ContactEventSchema = envelope('contact')
export const OpportunityEventSchema = envelope('opportunity')
export const RecordEventSchema = envelope('record')

/** Validates any canonical event; consumers parse with this before trusting a queue message. */
export const CanonicalEventSchema = z.discriminatedUnion('type', [
  AccountEventSchema,
  ContactEventSchema,
  OpportunityEventSchema,
  RecordEventSchema,
])
export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>
export type CanonicalEventOf<E extends CanonicalEntity> = Extract<CanonicalEvent, { type: `aos.canonical.${E}.v1` }>
