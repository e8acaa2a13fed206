// Zod-free and import-free: core's job schemas and the console's filters both read kinds and statuses here.
export const JOB_KINDS = [
  'noop',
  'aam.sync',
  'notify.slack',
  'dcl.backfill',
  'dcl.direct-read',
  'dcl.view-rebuild',
  'dcl.rederive',
  'kb.ingest',
  'kb.metadata',
  'repair.propose',
  'onboarding.run',
] as const
export type JobKind = (typeof JOB_KINDS)[number]

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
