import type { z } from '@hono/zod-openapi'
import { CloudEvent as EventEnvelope } from '../core/events/cloud-event.ts'

// The wire shape of /v1/events: every event reaches clients as the CloudEvents envelope the hub stores.
// Named with zod's own `.meta`: `.openapi()` exists only on schemas built after @hono/zod-openapi loaded,
// and the core schema may be built first (a queue consumer or a test can import it before any route).

export const CloudEvent = EventEnvelope.meta({ id: 'CloudEvent' })
export type CloudEvent = z.infer<typeof CloudEvent>
