import { findQuarantined, findSourceFile } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { readSourceLine } from '../../adapters/files.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/**
 * The exact bytes of a quarantined row: its stored bytes when its text could not hold them, the whole
 * line from the uploaded file when it was too long to keep inline, else its text as UTF-8.
 */
export async function getQuarantinedRaw(
  services: Services,
  tenantId: string,
  id: string,
): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>> {
  const found = await withTenant(services.db, tenantId, async (tx) => {
    const item = await findQuarantined(tx, tenantId, id)
    const file = item?.rawTruncated && item.sourceFileId ? await findSourceFile(tx, tenantId, item.sourceFileId) : null
    return item ? { item, file } : null
  })
  if (!found) throw new ProblemError('not_found', `No quarantined record ${id} in this tenant.`)
  const { item, file } = found
  if (item.rawTruncated) {
    const whole = file && item.line ? await readSourceLine(services.env, file.objectKey, item.line, file.format) : null
    if (!whole) throw new ProblemError('not_found', 'The uploaded file this record was read from is no longer stored.')
    return whole
  }
  return item.rawBase64 ? fromBase64(item.rawBase64) : new TextEncoder().encode(item.raw)
}
