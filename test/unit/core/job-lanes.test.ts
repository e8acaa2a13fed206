import { describe, expect, it } from 'vitest'
import { JOB_KINDS } from '../../../workers/contract/vocabulary/jobs.ts'
import { JOB_LANE, kindsInLane } from '../../../workers/core/jobs/lanes.ts'

describe('job lanes', () => {
  it('keeps file syncs apart from long background work, and puts every kind in exactly one lane', () => {
    expect(kindsInLane('interactive')).toEqual(['aam.sync', 'onboarding.run'])
    expect(kindsInLane('background').sort()).toEqual([
      'aam.connection-purge',
      'dcl.backfill',
      'dcl.direct-read',
      'dcl.rederive',
      'dcl.view-rebuild',
      'kb.ingest',
      'kb.metadata',
      'noop',
    ])
    const lanes = ['interactive', 'repair', 'background', 'notify'] as const
    expect(lanes.flatMap(kindsInLane).sort()).toEqual([...JOB_KINDS].sort())
    for (const kind of JOB_KINDS) expect(lanes).toContain(JOB_LANE[kind])
  })
})
