import { decryptText, encryptText } from '../../../adapters/crypto.ts'
import type { ConnectionRow } from '../../../adapters/db/aam-repo.ts'
import type { Services } from '../../app-env.ts'
import { ApiError } from '../../errors.ts'

// Sealed with the tenant id as context: a ciphertext copied into another tenant's row does not open.
export const sealConnectionSecret = (services: Services, tenantId: string, secret: string) =>
  encryptText(services.config.DATA_ENCRYPTION_KEY, secret, `connection:${tenantId}`)

export async function openConnectionSecret(services: Services, connection: ConnectionRow): Promise<string> {
  const secret = connection.secretCiphertext
    ? await decryptText(
        services.config.DATA_ENCRYPTION_KEY,
        connection.secretCiphertext,
        `connection:${connection.tenantId}`,
      )
    : null
  if (!secret)
    throw new ApiError(
      'conflict',
      `The credentials of connection ${connection.id} cannot be read (key rotated?). Create the connection again with its URL.`,
    )
  return secret
}
