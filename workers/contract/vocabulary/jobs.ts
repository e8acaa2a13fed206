// Zod-free and import-free: core's job schemas and the console's filters both read kinds and statuses here.
export const JOB_KINDS = [
  'noop',
  'aam.sync',
  'aam.connection-purge',
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

/** Kinds only the platform queues, after its own checks (a purge needs an admin's DELETE): POST /v1/jobs refuses them. */
export const PLATFORM_ONLY_JOB_KINDS = ['aam.connection-purge'] as const satisfies readonly JobKind[]

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
