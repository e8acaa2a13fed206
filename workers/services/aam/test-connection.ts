import { withCursorSource } from '../../adapters/sources/open-cursor-source.ts'
import { isCursorKind } from '../../core/aam/connectors/registry.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { loadUsableConnection } from './load-connection.ts'

/** What was checked, in words for the user; a source that fails says what to fix (a SourceError). */
export async function testConnection(services: Services, tenantId: string, id: string) {
  const connection = await loadUsableConnection(services, tenantId, id)
  if (isCursorKind(connection.kind)) {
    const checked = await withCursorSource(services.config, connection, (source) => source.check())
    return { ok: true as const, checked }
  }
  try {
    await services.env.FILES.list({ prefix: `tenants/${tenantId}/connections/${connection.id}/`, limit: 1 })
  } catch (error) {
    throw new ProblemError(
      'unavailable',
      `File storage did not answer (${error instanceof Error ? error.message : 'unknown error'}). Check the FILES R2 binding.`,
    )
  }
  return { ok: true as const, checked: ['file storage reachable'] }
}
