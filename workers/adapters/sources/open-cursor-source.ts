// Opens a connection's cursor source with its decrypted credentials, through its kind's opener
// (openers.ts), once its URLs and its secret pass the platform's host rules. Every failure of the source
// itself becomes a SourceError that says what to check, in its connector's words; the caller's own
// errors pass through untouched.
import type { CursorSource } from '../../core/aam/connectors/cursor-source.ts'
import { connectorOf, isCursorKind } from '../../core/aam/connectors/registry.ts'
import { checkOutboundUrl } from '../../core/http/outbound-url.ts'
import type { Config } from '../../env.ts'
import type { ConnectionRow } from '../db/aam-repo.ts'
import { openConnectionSecret } from './connection-secret.ts'
import { OPENERS } from './openers.ts'
import { SourceError, sourceReason } from './source-error.ts'

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
  const connector = connectorOf(connection.kind)
  if (!isCursorKind(connection.kind) || connector.reads !== 'cursor')
    throw new Error(`${connection.kind} connections are not read by cursor`)
  // A kind without credentials (a public source) opens with none.
  const secret = connector.secret ? await openConnectionSecret(config, connection) : ''
  // Checked again before dialling, not only when given: a URL stored earlier may not pass.
  for (const [field, name] of Object.entries(connector.urlFields)) {
    const value = connection.config[field]
    const checked = checkOutboundUrl(typeof value === 'string' ? value : '', config.ALLOW_LOOPBACK_URLS)
    if (!checked.ok) throw new SourceError(`${name} ${checked.reason}. Change config.${field}.`, 'conflict')
  }
  const refused = connector.secret?.refuse?.(secret, config.ALLOW_LOOPBACK_URLS)
  if (refused)
    throw new SourceError(
      `The ${connector.secret?.what} ${refused}. Set one with PUT /v1/connections/${connection.id}/credentials.`,
      'conflict',
    )
  const open = OPENERS[connection.kind]
  try {
    return guarded(await open({ connection, secret, allowLoopback: config.ALLOW_LOOPBACK_URLS }), connector.failure)
  } catch (error) {
    if (error instanceof SourceError) throw error
    throw new SourceError(connector.failure(sourceReason(error)), 'source_unreachable', { cause: error })
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
