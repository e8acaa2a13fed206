import type { JobKind } from '../../contract/vocabulary/jobs.ts'
import { JOB_PAYLOADS } from '../../core/jobs/payloads.ts'
import { runAamConnectionPurge } from './aam-connection-purge.ts'
import { runAamSync } from './aam-sync.ts'
import { runDclBackfill } from './dcl-backfill.ts'
import { runDclDirectRead } from './dcl-direct-read.ts'
import { runDclRederive } from './dcl-rederive.ts'
import { runDclViewRebuild } from './dcl-view-rebuild.ts'
import { runKbIngest } from './kb-ingest.ts'
import { runKbMetadata } from './kb-metadata.ts'
import { runNoop } from './noop.ts'
import { runNotifySlack } from './notify-slack.ts'
import { runOnboarding } from './onboarding-run.ts'
import { runRepairPropose } from './repair-propose.ts'
import type { JobContext, JobOutcome } from './types.ts'

/** Parses the stored payload with its kind's schema (defaults included) and runs the kind's handler. */
export function runHandler(kind: JobKind, ctx: JobContext, payload: unknown): Promise<JobOutcome> {
  switch (kind) {
    case 'noop':
      return runNoop(ctx, JOB_PAYLOADS.noop.parse(payload))
    case 'aam.sync':
      return runAamSync(ctx, JOB_PAYLOADS['aam.sync'].parse(payload))
    case 'aam.connection-purge':
      return runAamConnectionPurge(ctx, JOB_PAYLOADS['aam.connection-purge'].parse(payload))
    case 'notify.slack':
      return runNotifySlack(ctx, JOB_PAYLOADS['notify.slack'].parse(payload))
    case 'dcl.backfill':
      return runDclBackfill(ctx)
    case 'dcl.direct-read':
      return runDclDirectRead(ctx, JOB_PAYLOADS['dcl.direct-read'].parse(payload))
    case 'dcl.view-rebuild':
      return runDclViewRebuild(ctx, JOB_PAYLOADS['dcl.view-rebuild'].parse(payload))
    case 'dcl.rederive':
      return runDclRederive(ctx, JOB_PAYLOADS['dcl.rederive'].parse(payload))
    case 'kb.ingest':
      return runKbIngest(ctx, JOB_PAYLOADS['kb.ingest'].parse(payload))
    case 'kb.metadata':
      return runKbMetadata(ctx)
    case 'onboarding.run':
      return runOnboarding(ctx, JOB_PAYLOADS['onboarding.run'].parse(payload))
    case 'repair.propose':
      return runRepairPropose(ctx, JOB_PAYLOADS['repair.propose'].parse(payload))
  }
}
