import { withTenant } from '../../adapters/db/client.ts'
import { latestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { announceMapping, keyOf, loadVersion, writeNextVersion } from './mapping-versions.ts'
import { presentMapping } from './present-mapping.ts'
import { queueRederive } from './rederive-after-mapping.ts'

type Decision = 'accept' | 'reject'
type Input = {
  id: string
  comment?: string | undefined
  actor: Actor
  /** False when the caller converts the stream's records again itself (onboarding, once per stream). */
  rederive?: boolean
}

const STATUS = { accept: 'accepted', reject: 'rejected' } as const

/** Accepts a mapping version: the DCL may use it. */
export const acceptMapping = (services: Services, tenantId: string, input: Input) =>
  decideMapping(services, tenantId, 'accept', input)

/** Rejects a mapping version: remembered, so the same suggestion is not made again. */
export const rejectMapping = (services: Services, tenantId: string, input: Input) =>
  decideMapping(services, tenantId, 'reject', input)

/**
 * A decision applies to the version the person looked at: if a newer one exists they decided on
 * something stale, which is a conflict, not a silent overwrite. Deciding what is already decided
 * changes nothing.
 */
async function decideMapping(services: Services, tenantId: string, decision: Decision, input: Input) {
  const { row, before, changed } = await withTenant(services.db, tenantId, async (tx) => {
    const row = await loadVersion(tx, tenantId, input.id)
    const [newest] = await latestVersions(tx, tenantId, [keyOf(row)])
    if (newest && newest.id !== row.id) {
      throw new ProblemError(
        'conflict',
        `Version ${row.version} is not the newest: version ${newest.version} (${newest.id}) is. Decide on that one.`,
      )
    }
    if (row.status === STATUS[decision]) return { row, before: row, changed: false }
    const written = await writeNextVersion(tx, tenantId, {
      content: { ...row, status: STATUS[decision], note: input.comment ?? row.note },
      version: row.version + 1,
      provenance: 'manual',
      actor: input.actor,
      action: `mapping.${STATUS[decision]}`,
    })
    return { row: written, before: row, changed: true }
  })
  if (changed) {
    await announceMapping(services, tenantId, row)
    if (input.rederive !== false) await queueRederive(services, tenantId, row, before)
  }
  return presentMapping(row)
}
