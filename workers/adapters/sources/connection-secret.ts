import type { Config } from '../../env.ts'
import { decryptText, encryptText } from '../crypto.ts'
import type { ConnectionRow } from '../db/aam-repo.ts'
import { SourceError } from './source-error.ts'

// Sealed with the tenant id as context: a ciphertext copied into another tenant's row does not open.
export const sealConnectionSecret = (config: Config, tenantId: string, secret: string) =>
  encryptText(config.DATA_ENCRYPTION_KEY, secret, `connection:${tenantId}`)

export async function openConnectionSecret(config: Config, connection: ConnectionRow): Promise<string> {
  const secret = connection.secretCiphertext
    ? await decryptText(config.DATA_ENCRYPTION_KEY, connection.secretCiphertext, `connection:${connection.tenantId}`)
    : null
  if (!secret)
    throw new SourceError(
      `The credentials of connection ${connection.id} cannot be read (key rotated?). Create the connection again with its credentials.`,
      'conflict',
    )
  return secret
}
