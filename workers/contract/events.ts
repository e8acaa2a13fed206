// Loaded for its effect: it gives zod schemas `.openapi()`, used below on a core schema.
import '@hono/zod-openapi'
import type { z } from '@hono/zod-openapi'
import { CloudEvent as EventEnvelope } from '../core/events/schema.ts'

// The wire shape of /v1/events: every event reaches clients as the CloudEvents envelope the hub stores.

export const CloudEvent = EventEnvelope.openapi('CloudEvent')
export type CloudEvent = z.infer<typeof CloudEvent>
