import { withTenant } from '../../adapters/db/client.ts'
import { latestVersions } from '../../adapters/db/mapping-registry-repo.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { announceMapping, keyOf, loadVersion, writeNextVersion } from './mapping-versions.ts'
import { presentMapping } from './present-mapping.ts'
import { queueRederive } from './rederive-after-mapping.ts'

/** Makes an earlier version current again, as a new version that copies it: history only grows. */
export async function revertMapping(services: Services, tenantId: string, input: { id: string; actor: Actor }) {
  const { written, before } = await withTenant(services.db, tenantId, async (tx) => {
    const target = await loadVersion(tx, tenantId, input.id)
    const [newest] = await latestVersions(tx, tenantId, [keyOf(target)])
    if (!newest || newest.id === target.id) {
      throw new ProblemError(
        'conflict',
        `Version ${target.version} is already the current one. Revert to an earlier version (see its versions list).`,
      )
    }
    const written = await writeNextVersion(tx, tenantId, {
      content: { ...target, note: `reverted to version ${target.version}` },
      version: newest.version + 1,
      provenance: 'revert',
      actor: input.actor,
      action: 'mapping.reverted',
    })
    return { written, before: newest }
  })
  await announceMapping(services, tenantId, written)
  await queueRederive(services, tenantId, written, before)
  return presentMapping(written)
}
