// Opens a connection's source by kind, with its decrypted credentials. Every failure of the source
// itself becomes a SourceError that says what to check; the caller's own errors pass through untouched.
// A tenant database fails with one message whatever happened (refused, timed out, DNS, TLS, credentials),
// so its answers cannot be used to tell closed ports from open ones; the driver's words stay the cause.
import {
  AirbyteConfig,
  MongoConfig,
  PostgresConfig,
  SalesforceConfig,
  SalesforceCredentials,
} from '../../core/aam/connections.ts'
import { checkDatabaseUrl, type DatabaseKind } from '../../core/aam/database-url.ts'
import type { CursorSource } from '../../core/aam/sources/cursor-source.ts'
import { checkOutboundUrl } from '../../core/http/outbound-url.ts'
import type { Config } from '../../env.ts'
import type { ConnectionRow } from '../db/aam-repo.ts'
import { openAirbyteSource } from './airbyte-source.ts'
import { openConnectionSecret } from './connection-secret.ts'
import { openMongoSource } from './mongodb-source.ts'
import { openPostgresSource, probeReachable } from './postgres-source.ts'
import { salesforceClient } from './salesforce-client.ts'
import { openSalesforceSource } from './salesforce-source.ts'
import { SourceError, sourceReason } from './source-error.ts'

export const isCursorKind = (kind: ConnectionRow['kind']) => kind !== 'file'

/** The source's calls, with anything they throw that is not already a SourceError explained by `failure`. */
function guarded(source: CursorSource, failure: (reason: string) => string): CursorSource {
  const explain = (error: unknown) =>
    error instanceof SourceError
      ? error
      : new SourceError(failure(sourceReason(error)), 'source_unreachable', { cause: error })
  const { sample } = source
  const rethrow = (error: unknown): never => {
    throw explain(error)
  }
  return {
    ...source,
    check: () => source.check().catch(rethrow),
    discover: () => source.discover().catch(rethrow),
    ...(sample ? { sample: (stream, schema) => sample(stream, schema).catch(rethrow) } : {}),
    reader(stream, schema) {
      const reader = source.reader(stream, schema)
      if ('skipped' in reader) return reader
      return {
        ...reader,
        // Only the source's own reads run inside this generator; the consumer's errors never reach its catch.
        async *batches(stored) {
          try {
            yield* reader.batches(stored)
          } catch (error) {
            rethrow(error)
          }
        },
      }
    },
  }
}

async function openCursorSource(config: Config, connection: ConnectionRow): Promise<CursorSource> {
  const secret = await openConnectionSecret(config, connection)
  if (connection.kind === 'airbyte') {
    const settings = AirbyteConfig.parse(connection.config)
    const base = checkOutboundUrl(settings.base_url, config.ALLOW_LOOPBACK_URLS)
    if (!base.ok) throw new SourceError(`The Airbyte URL ${base.reason}. Change config.base_url.`, 'conflict')
    return guarded(
      openAirbyteSource(settings, secret),
      (reason) => `Airbyte did not answer as expected (${reason}). Check base_url and the token's workspace.`,
    )
  }
  if (connection.kind === 'salesforce') {
    const settings = SalesforceConfig.parse(connection.config)
    const login = checkOutboundUrl(settings.login_url, config.ALLOW_LOOPBACK_URLS)
    if (!login.ok) throw new SourceError(`The login URL ${login.reason}. Change config.login_url.`, 'conflict')
    const client = salesforceClient(
      settings,
      SalesforceCredentials.parse(JSON.parse(secret)),
      config.ALLOW_LOOPBACK_URLS,
    )
    return guarded(
      openSalesforceSource(client, settings),
      (reason) => `Salesforce did not answer as expected (${reason}). Check the login URL and the org's API access.`,
    )
  }
  if (connection.kind === 'mongodb') {
    const settings = MongoConfig.parse(connection.config)
    return openDatabaseSource(config, connection.id, 'mongodb', secret, () => openMongoSource(secret, settings))
  }
  if (connection.kind !== 'postgres') throw new Error(`${connection.kind} connections are not read by cursor`)
  const settings = PostgresConfig.parse(connection.config)
  return openDatabaseSource(config, connection.id, 'postgres', secret, async () => {
    await probeReachable(secret)
    return openPostgresSource(secret, settings)
  })
}

const DATABASE_NAMES: Record<DatabaseKind, string> = { postgres: 'The Postgres database', mongodb: 'MongoDB' }

/** A tenant database's source at `url`, opened by `open` once the URL passes the host rule. */
async function openDatabaseSource(
  config: Config,
  connectionId: string,
  kind: DatabaseKind,
  url: string,
  open: () => CursorSource | Promise<CursorSource>,
): Promise<CursorSource> {
  // Checked again before dialling, not only when the URL was given: a URL stored earlier may not pass.
  const allowed = checkDatabaseUrl(kind, url, config.ALLOW_LOOPBACK_URLS)
  if (!allowed.ok)
    throw new SourceError(
      `The database URL ${allowed.reason}. Set one with PUT /v1/connections/${connectionId}/credentials.`,
      'conflict',
    )
  const failure = () =>
    `${DATABASE_NAMES[kind]} could not be read: it did not answer in time, or refused the connection, the credentials or a read. Check the URL (host, port, user, password, database), that the server accepts connections from Cloudflare, and the user's read rights.`
  try {
    return guarded(await open(), failure)
  } catch (error) {
    throw new SourceError(failure(), 'source_unreachable', { cause: error })
  }
}

/** Runs `fn` with the connection's source open, and closes what it holds afterwards, whatever happened. */
export async function withCursorSource<T>(
  config: Config,
  connection: ConnectionRow,
  fn: (source: CursorSource) => Promise<T>,
): Promise<T> {
  const source = await openCursorSource(config, connection)
  try {
    return await fn(source)
  } finally {
    await source.close?.().catch(() => {})
  }
}
