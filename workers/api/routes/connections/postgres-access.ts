import type { ConnectionRow } from '../../../adapters/db/aam-repo.ts'
import { openPostgresSource, type PostgresSource, probeReachable } from '../../../adapters/sources/postgres-source.ts'
import { PostgresConfig } from '../../../core/aam/connections.ts'
import type { Services } from '../../app-env.ts'
import { ApiError } from '../../errors.ts'
import { openConnectionSecret } from './secret.ts'

/** The source's own words, minus anything that could carry the password. */
const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/postgres(ql)?:\/\/\S+/g, '<url>').slice(0, 300)

/** Opens the tenant's database for `fn`; a failure to reach it says what to check. */
export async function withPostgresSource<T>(
  services: Services,
  connection: ConnectionRow,
  fn: (source: PostgresSource, config: PostgresConfig) => Promise<T>,
): Promise<T> {
  const url = await openConnectionSecret(services, connection)
  try {
    await probeReachable(url)
    return await fn(openPostgresSource(url), PostgresConfig.parse(connection.config))
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(
      'source_unreachable',
      `The database did not answer as expected (${reason(error)}). Check the URL, that it accepts connections from Cloudflare, and the user's rights.`,
    )
  }
}
