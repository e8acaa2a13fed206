// A public JSON endpoint as a cursor source: one stream, the answer's records, read whole on every sync
// (the endpoint has no cursor to read after). The schema is inferred from the records themselves.
import type { CursorSource, SourceRow } from '../../../core/aam/connectors/cursor-source.ts'
import { HttpJsonConfig } from '../../../core/aam/connectors/http_json/connector.ts'
import { recordEventId, recordsAt } from '../../../core/aam/connectors/http_json/records.ts'
import { createSchemaInferrer } from '../../../core/aam/ingest/infer-schema.ts'
import type { OpenerInput } from '../opener.ts'
import { SourceError, sourceReason } from '../source-error.ts'

const BATCH = 2000
const TIMEOUT_MS = 30_000
/** The answer is read into memory: larger ones belong in a paged API or a file upload. */
const MAX_BYTES = 20 * 1024 * 1024

export function openHttpJsonSource(config: HttpJsonConfig, fetcher: typeof fetch = fetch): CursorSource {
  let records: Promise<SourceRow[]> | undefined

  async function read(): Promise<SourceRow[]> {
    let res: Response
    try {
      // A redirect is not followed: where it points has not passed the URL rule.
      res = await fetcher(config.url, {
        redirect: 'manual',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (error) {
      throw new SourceError(`The JSON URL did not answer (${sourceReason(error)}). Check config.url.`)
    }
    if (!res.ok) throw new SourceError(`The JSON URL answered HTTP ${res.status}. Check config.url.`)
    if (Number(res.headers.get('content-length')) > MAX_BYTES)
      throw new SourceError('The JSON answer is larger than 20 MiB. Upload it as a JSON Lines file instead.')
    const text = await res.text()
    if (text.length > MAX_BYTES)
      throw new SourceError('The JSON answer is larger than 20 MiB. Upload it as a JSON Lines file instead.')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new SourceError('The JSON URL did not answer JSON. Check config.url.')
    }
    const found = recordsAt(body, config.records_path)
    if ('error' in found) throw new SourceError(`The JSON URL answered, but ${found.error}. Check config.records_path.`)
    return found
  }
  // Read once per sync: discovery, the sample and the read share one answer.
  const rows = () => {
    records ??= read()
    return records
  }

  return {
    async check() {
      const found = await rows()
      return [
        `${config.url} answered JSON`,
        `${found.length} record(s) ${config.records_path ? `at ${config.records_path}` : 'at the top level'}`,
      ]
    },
    async discover() {
      const inferrer = createSchemaInferrer({ format: 'json' })
      for (const row of await rows()) inferrer.add(row)
      return new Map([[config.stream, inferrer.snapshot()]])
    },
    sample: () => rows(),
    reader(_stream, schema) {
      if (!schema.some((f) => f.path === config.primary_key))
        return { skipped: `no ${config.primary_key} field to key records by` }
      return {
        async *batches() {
          const all = await rows()
          const read_at = new Date().toISOString()
          for (let i = 0; i < all.length; i += BATCH) yield { rows: all.slice(i, i + BATCH), cursor: { read_at } }
        },
        eventId: (streamId, row) => recordEventId(streamId, row, config.primary_key),
        time: () => undefined,
      }
    },
  }
}

/** Its opener (openers.ts): the settings only, the endpoint being public. */
export const openHttpJson = ({ connection }: OpenerInput) => openHttpJsonSource(HttpJsonConfig.parse(connection.config))
