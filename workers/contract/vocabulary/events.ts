// Zod-free and import-free: core's CloudEvent schema and the console's live-event client both read it.
/** Event types the platform emits; consumers subscribe by these names (or a `aos.job.*` prefix). */
export const EVENT_TYPES = [
  'aos.job.queued',
  'aos.job.started',
  'aos.job.succeeded',
  'aos.job.failed',
  'aos.job.dead',
  'aos.job.cancelled',
  'aos.job.progress',
  'aos.flag.changed',
  'aos.sync.progress',
  'aos.sync.completed',
  'aos.drift.detected',
  'aos.drift.held',
  'aos.drift.accepted',
  'aos.drift.rejected',
  'aos.drift.released',
  'aos.stream.paused',
  'aos.stream.resumed',
  'aos.settings.changed',
  'aos.dcl.entities.updated',
  'aos.mapping.changed',
  'aos.source.alert',
] as const
export type EventType = (typeof EVENT_TYPES)[number]
