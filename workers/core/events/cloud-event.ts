import { z } from 'zod'
import { EVENT_TYPES, type EventType } from '../../contract/vocabulary/events.ts'

/** CloudEvents 1.0 envelope; `seq` is the hub's monotonic position, used as the SSE id for resume. */
export const CloudEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  type: z.enum(EVENT_TYPES),
  subject: z.string().optional(),
  time: z.string(),
  tenantid: z.uuid(),
  datacontenttype: z.literal('application/json'),
  data: z.record(z.string(), z.unknown()),
  seq: z.number().int().optional(),
})
export type CloudEvent = z.infer<typeof CloudEvent>

export function cloudEvent(
  tenantId: string,
  type: EventType,
  data: Record<string, unknown>,
  subject?: string,
  now: Date = new Date(),
): CloudEvent {
  return {
    specversion: '1.0',
    id: crypto.randomUUID(),
    source: '/autonomos',
    type,
    ...(subject ? { subject } : {}),
    time: now.toISOString(),
    tenantid: tenantId,
    datacontenttype: 'application/json',
    data,
  }
}

/** `aos.job.*` matches every job event; an empty list matches everything. */
export function matchesTypes(type: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true
  return patterns.some((p) => (p.endsWith('.*') ? type.startsWith(p.slice(0, -1)) : p === type))
}

/** What WebSocket clients may send: subscribe to types, optionally resuming after a seq. */
export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    types: z.array(z.string().max(100)).max(50).default([]),
    last_event_id: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('ping') }),
])
export type ClientFrame = z.infer<typeof ClientFrame>

/** What the hub sends over WebSocket. */
export type ServerFrame =
  | { type: 'event'; event: CloudEvent }
  | { type: 'subscribed'; types: string[] }
  | { type: 'pong' }
  | { type: 'error'; detail: string }
