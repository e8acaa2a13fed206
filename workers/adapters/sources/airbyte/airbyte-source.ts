// An Airbyte server (OSS or Cloud) watched through its public API, plus two Config API calls the public
// API lacks: a failed attempt's reason (`jobs/get`) and the connection's schema-change flag
// (`web_backend/connections/get`). Read-only: nothing is ever triggered or changed in Airbyte.
import { AirbyteConfig } from '../../../core/aam/connectors/airbyte/connector.ts'
import {
  FINISHED,
  type PublicJob,
  RUN_SCHEMA,
  resumeCursor,
  runAlerts,
  runRecord,
  type SchemaChange,
} from '../../../core/aam/connectors/airbyte/runs.ts'
import type { CursorSource, SourceAlert, SourceRow } from '../../../core/aam/connectors/cursor-source.ts'
import type { OpenerInput } from '../opener.ts'
import { SourceError, sourceReason } from '../source-error.ts'

const PAGE = 100

type AttemptFailure = { failureType?: string; externalMessage?: string }
type JobDetail = { attempts?: { attempt?: { failureSummary?: { failures?: AttemptFailure[] } } }[] }

export function openAirbyteSource(config: AirbyteConfig, token: string, fetcher: typeof fetch = fetch): CursorSource {
  const base = config.base_url.replace(/\/+$/, '')
  const names = new Map<string, string>()
  const alerts: SourceAlert[] = []

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetcher(`${base}${path}`, {
        method,
        redirect: 'manual',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      throw new SourceError(`Airbyte did not answer at ${base} (${sourceReason(error)}). Check base_url.`)
    }
    if (res.status === 401 || res.status === 403)
      throw new SourceError('Airbyte refused the API token. Create an application token in Airbyte and set it again.')
    if (res.status === 404)
      throw new SourceError(
        `Airbyte has no ${path.split('?')[0]} for this token's workspace. Check config.connection_ids and base_url (it ends before /api).`,
      )
    if (!res.ok) throw new SourceError(`Airbyte answered ${path.split('?')[0]} with HTTP ${res.status}.`)
    return (await res.json()) as T
  }

  const connectionName = async (id: string) => {
    const known = names.get(id)
    if (known) return known
    const connection = await request<{ name: string }>('GET', `/api/public/v1/connections/${id}`)
    names.set(id, connection.name)
    return connection.name
  }

  /** The reason of a failed job: its last attempt's first failure, as Airbyte tells its own users. */
  async function failureOf(jobId: number) {
    const detail = await request<JobDetail>('POST', '/api/v1/jobs/get', { id: jobId })
    const failure = detail.attempts?.at(-1)?.attempt?.failureSummary?.failures?.[0]
    return failure
      ? { type: failure.failureType ?? 'failure', message: (failure.externalMessage ?? '').slice(0, 500) }
      : null
  }

  /** Finished jobs after `afterId`, oldest first; stops at the first unfinished one so it is read once done. */
  async function finishedJobsAfter(id: string, afterId: number): Promise<PublicJob[]> {
    const jobs: PublicJob[] = []
    for (let offset = 0; ; offset += PAGE) {
      const query = new URLSearchParams({
        connectionId: id,
        orderBy: 'createdAt|ASC',
        limit: String(PAGE),
        offset: String(offset),
      })
      const page = await request<{ data: PublicJob[] }>('GET', `/api/public/v1/jobs?${query}`)
      for (const job of page.data) {
        if (job.jobId <= afterId) continue
        if (!FINISHED.has(job.status)) return jobs
        jobs.push(job)
      }
      if (page.data.length < PAGE) return jobs
    }
  }

  return {
    async check() {
      const found = await Promise.all(config.connection_ids.map(connectionName))
      return [`Airbyte answered at ${base}`, `watching ${found.length} connection(s): ${found.join(', ')}`]
    },
    async discover() {
      await Promise.all(config.connection_ids.map(connectionName))
      return new Map(config.connection_ids.map((id) => [id, RUN_SCHEMA]))
    },
    reader(id) {
      return {
        async *batches(stored) {
          const before = resumeCursor(stored)
          const name = await connectionName(id)
          const flag = await request<{ schemaChange?: SchemaChange }>('POST', '/api/v1/web_backend/connections/get', {
            connectionId: id,
          })
          const schemaChange = flag.schemaChange ?? 'no_change'
          const rows: SourceRow[] = []
          for (const job of await finishedJobsAfter(id, before.job_id))
            rows.push(runRecord(job, name, job.status === 'failed' ? await failureOf(job.jobId) : null))
          // The first read imports the history quietly: only runs that finish from now on alert.
          const fresh = stored === null || stored === undefined ? [] : rows
          alerts.push(...runAlerts(id, name, fresh, before.schema_change, schemaChange))
          const last = rows.at(-1)
          if (last || schemaChange !== before.schema_change)
            yield { rows, cursor: { job_id: last ? Number(last.job_id) : before.job_id, schema_change: schemaChange } }
        },
        eventId: (streamId, row) => `${streamId}:job:${row.job_id}`,
        time: (row) => (typeof row.finished_at === 'string' ? row.finished_at : undefined),
      }
    },
    alerts: () => alerts,
  }
}

/** Its opener (openers.ts): the settings, and the application token as the secret. */
export const openAirbyte = ({ connection, secret }: OpenerInput) =>
  openAirbyteSource(AirbyteConfig.parse(connection.config), secret)
