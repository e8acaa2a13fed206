import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A stand-in for a self-hosted Airbyte server (OSS), mounted under `/airbyte`. Shapes checked against
 * airbytehq/airbyte-platform @310e6cb: the public API in airbyte-api/server-api/src/main/openapi/api.yaml
 * (+ airbyte-api/problems-api/src/main/openapi/api-problems.yaml and airbyte-server's publicapi mappers
 * JobResponseMapper, PaginationMapper, ConnectionReadMapper and helpers/JobsHelper.kt), the Config API in
 * airbyte-api/server-api/src/main/openapi/config.yaml (+ JobHistoryHandler, JobConverter,
 * ConnectionsHandler.disableConnectionIfNeeded, commons-server errors/handlers).
 * Public (GET): /api/public/v1/connections[/{id}], /api/public/v1/jobs[/{jobId}].
 * Config (POST): /api/v1/connections/get, /api/v1/web_backend/connections/get (the only place `schemaChange`
 * lives), /api/v1/jobs/list, /api/v1/jobs/get, /api/v1/jobs/get_last_replication_job.
 * Every bearer token `ab-…` is its own workspace, seeded deterministically on first use; another workspace's
 * ids answer 404 (a real server may say 403). Test controls live under `/airbyte/_control/<token>/…` (no auth).
 */
type JobStatus = 'pending' | 'running' | 'incomplete' | 'failed' | 'succeeded' | 'cancelled'
type SchemaChange = 'no_change' | 'non_breaking' | 'breaking'
type Json = Record<string, unknown>
interface Failure {
  failureOrigin: string
  failureType: string
  externalMessage: string
  internalMessage?: string
}
interface Job {
  id: number
  connectionId: string
  streams: readonly string[]
  status: JobStatus
  createdAt: number // epoch seconds, as JobRead has them
  updatedAt: number
  rows: number
  bytes: number
  attempts: number
  failure?: Failure
}
interface Seed {
  source: string
  destination: string
  streams: readonly string[]
  rows: number
  rowBytes: number
  failedAt: number
  failure: Failure
  schedule: { pub: Json; cfg: Json }
}
interface Connection {
  connectionId: string
  sourceId: string
  destinationId: string
  status: 'active' | 'inactive'
  schemaChange: SchemaChange
  createdAt: number
  seed: Seed
}
interface Workspace {
  workspaceId: string
  connections: Connection[]
  jobs: Job[]
  nextJobId: number
  failNext?: { status: number; body?: unknown }
  calls: Record<string, number>
}

const GENERIC = 'Something went wrong in the connector. See the logs for more details.'
const PG_AUTH = 'FATAL: password authentication failed for user "airbyte"'
const SEEDS: Seed[] = [
  {
    source: 'Postgres',
    destination: 'Snowflake',
    streams: ['orders', 'customers', 'line_items'],
    rows: 48_000,
    rowBytes: 420,
    failedAt: 3, // which of the 5 seeded syncs failed (0 = oldest)
    failure: {
      failureOrigin: 'source',
      failureType: 'config_error',
      externalMessage: `State code: 28P01; Message: ${PG_AUTH}`,
      internalMessage: `org.postgresql.util.PSQLException: ${PG_AUTH}`,
    },
    schedule: {
      pub: { scheduleType: 'cron', cronExpression: '0 0 * * * ? UTC' },
      cfg: { scheduleType: 'cron', scheduleData: { cron: { cronExpression: '0 0 * * * ?', cronTimeZone: 'UTC' } } },
    },
  },
  {
    source: 'Stripe',
    destination: 'BigQuery',
    streams: ['charges', 'customers', 'invoices', 'subscriptions'],
    rows: 12_500,
    rowBytes: 1_850,
    failedAt: 4,
    failure: {
      failureOrigin: 'source',
      failureType: 'transient_error',
      externalMessage: 'Request rate limit exceeded for stream charges. Retry after 30 seconds.',
      internalMessage: 'HTTP 429 Too Many Requests for url: https://api.stripe.com/v1/charges?limit=100',
    },
    schedule: {
      pub: { scheduleType: 'basic', basicTiming: 'Every 24 HOURS' },
      cfg: {
        scheduleType: 'basic',
        schedule: { units: 24, timeUnit: 'hours' }, // the deprecated field the public mapper still reads
        scheduleData: { basicSchedule: { timeUnit: 'hours', units: 24 } },
      },
    },
  },
  {
    source: 'HubSpot',
    destination: 'Snowflake',
    streams: ['contacts', 'companies', 'deals'],
    rows: 3_200,
    rowBytes: 2_300,
    failedAt: 1,
    failure: {
      failureOrigin: 'destination',
      failureType: 'system_error',
      externalMessage: GENERIC,
      internalMessage:
        'SnowflakeSQLException: Warehouse LOADING cannot be resumed: resource monitor MONTHLY_LIMIT is over quota.',
    },
    schedule: { pub: { scheduleType: 'manual' }, cfg: { scheduleType: 'manual' } },
  },
]
const DEFAULT_FAILURE: Record<'failed' | 'cancelled' | 'incomplete', Failure> = {
  failed: { failureOrigin: 'source', failureType: 'system_error', externalMessage: GENERIC },
  cancelled: {
    failureOrigin: 'airbyte_platform',
    failureType: 'manual_cancellation',
    externalMessage: 'The sync was cancelled.',
  },
  incomplete: {
    failureOrigin: 'source',
    failureType: 'heartbeat_timeout',
    externalMessage:
      "Airbyte detected that the Source didn't send any records in the last 3 hours, exceeding the configured 3 hour timeout threshold.",
  },
}
const STATUSES: JobStatus[] = ['pending', 'running', 'incomplete', 'failed', 'succeeded', 'cancelled']
const SCHEMA_CHANGES: SchemaChange[] = ['no_change', 'non_breaking', 'breaking']
const TERMINAL = new Set<JobStatus>(['failed', 'cancelled', 'succeeded'])
const TOKEN = /^ab-\S+$/

const hash = (text: string) => createHash('sha256').update(text).digest('hex')
const num = (text: string) => Number.parseInt(hash(text).slice(0, 8), 16)
const uuid = (text: string, h = hash(text)) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'.charAt(num(text) % 4)}${h.slice(17, 20)}-${h.slice(20, 32)}`
const nowSeconds = () => Math.floor(Date.now() / 1000)
// The public API renders times with Java's OffsetDateTime.toString(), which drops ":00" seconds.
const javaTime = (s: number) => `${new Date(s * 1000).toISOString().slice(0, s % 60 === 0 ? 16 : 19)}Z`
const javaDuration = (s: number) =>
  s === 0
    ? 'PT0S'
    : `PT${s >= 3600 ? `${Math.floor(s / 3600)}H` : ''}${s % 3600 >= 60 ? `${Math.floor((s % 3600) / 60)}M` : ''}${s % 60 ? `${s % 60}S` : ''}`
const within = (v: number, start?: number, end?: number) =>
  (start === undefined || v >= start) && (end === undefined || v <= end)
// ISO date-time → epoch seconds; NaN marks an unparseable value.
const parseTime = (v: unknown) =>
  v == null || v === '' ? undefined : typeof v === 'string' ? Date.parse(v) / 1000 : Number.NaN

function seedWorkspace(token: string): Workspace {
  const now = nowSeconds()
  const ws: Workspace = {
    workspaceId: uuid(`${token}:workspace`),
    jobs: [],
    calls: {},
    nextJobId: 10_000 + (num(token) % 90_000) * 1_000, // ids are server-wide in Airbyte: give each workspace its own range
    connections: SEEDS.map((seed, i) => ({
      connectionId: uuid(`${token}:connection:${i}`),
      seed,
      status: 'active',
      schemaChange: 'no_change',
      sourceId: uuid(`${token}:source:${i}`),
      destinationId: uuid(`${token}:destination:${i}`),
      createdAt: now - 30 * 86_400 + i * 3600,
    })),
  }
  for (let k = 0; k < 5; k++) {
    ws.connections.forEach((c, i) => {
      const r = num(`${c.connectionId}:${k}`)
      const failed = c.seed.failedAt === k
      const createdAt = now - (5 - k) * 3600 + i * 300
      const rows = failed ? 0 : Math.round(c.seed.rows * (0.7 + (r % 600) / 1000))
      ws.jobs.push({
        id: ws.nextJobId++,
        connectionId: c.connectionId,
        streams: c.seed.streams,
        createdAt,
        rows,
        status: failed ? 'failed' : 'succeeded',
        updatedAt: createdAt + 45 + (r % 900),
        bytes: rows * c.seed.rowBytes,
        attempts: failed ? 3 : 1,
        failure: failed ? c.seed.failure : undefined,
      })
    })
  }
  return ws
}

function publicJob(j: Job) {
  return {
    jobId: j.id,
    status: j.status,
    jobType: 'sync',
    startTime: javaTime(j.createdAt),
    connectionId: j.connectionId,
    lastUpdatedAt: TERMINAL.has(j.status) ? javaTime(j.updatedAt) : undefined,
    duration: j.status === 'pending' ? undefined : javaDuration(j.updatedAt - j.createdAt),
    bytesSynced: j.bytes,
    rowsSynced: j.rows,
  }
}

function jobRead(j: Job) {
  const aggregatedStats = {
    recordsEmitted: j.rows,
    bytesEmitted: j.bytes,
    recordsCommitted: j.rows,
    bytesCommitted: j.bytes,
  }
  return {
    id: j.id,
    configType: 'sync',
    configId: j.connectionId,
    enabledStreams: j.streams.map((name) => ({ name })),
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    startedAt: j.createdAt,
    status: j.status,
    aggregatedStats: { ...aggregatedStats, recordsRejected: 0 },
  }
}

/** AttemptRead[]: failed jobs carry one failed attempt per retry, each with a failureSummary. */
function attemptReads(j: Job) {
  const step = Math.max(1, Math.floor((j.updatedAt - j.createdAt) / (j.attempts || 1)))
  return Array.from({ length: j.attempts }, (_, n) => {
    const last = n === j.attempts - 1
    const live = last && (j.status === 'running' || j.status === 'pending')
    const status = live ? 'running' : last && j.status === 'succeeded' ? 'succeeded' : 'failed'
    const createdAt = j.createdAt + n * step
    const endedAt = last ? j.updatedAt : createdAt + step
    const [rows, bytes] = last ? [j.rows, j.bytes] : [0, 0]
    const failure =
      j.failure ??
      (j.status === 'cancelled' || j.status === 'incomplete' ? DEFAULT_FAILURE[j.status] : DEFAULT_FAILURE.failed)
    const stats = { recordsEmitted: rows, bytesEmitted: bytes, recordsCommitted: rows, bytesCommitted: bytes }
    return {
      id: n,
      status,
      createdAt,
      updatedAt: endedAt,
      endedAt: live ? undefined : endedAt,
      bytesSynced: bytes,
      recordsSynced: rows,
      totalStats: { ...stats, stateMessagesEmitted: rows ? 3 : 0 },
      failureSummary:
        status === 'failed'
          ? {
              failures: [
                { ...failure, retryable: failure.failureType === 'transient_error', timestamp: endedAt * 1000 },
              ],
              partialSuccess: rows > 0,
            }
          : undefined,
    }
  })
}

function publicConnection(ws: Workspace, c: Connection) {
  const streams = c.seed.streams.map((name) => ({
    name,
    syncMode: 'incremental_deduped_history',
    cursorField: ['updated_at'],
    primaryKey: [['id']],
  }))
  return {
    connectionId: c.connectionId,
    name: `${c.seed.source} → ${c.seed.destination}`,
    sourceId: c.sourceId,
    destinationId: c.destinationId,
    workspaceId: ws.workspaceId,
    status: c.status,
    schedule: c.seed.schedule.pub,
    nonBreakingSchemaUpdatesBehavior: 'ignore',
    namespaceDefinition: 'destination',
    prefix: '',
    configurations: { streams },
    createdAt: c.createdAt,
    tags: [],
  }
}

function connectionRead(ws: Workspace, c: Connection) {
  const streams = c.seed.streams.map((name) => ({
    stream: { name, jsonSchema: { type: 'object' }, supportedSyncModes: ['full_refresh', 'incremental'] },
    config: {
      syncMode: 'incremental',
      cursorField: ['updated_at'],
      destinationSyncMode: 'append_dedup',
      selected: true,
    },
  }))
  return {
    connectionId: c.connectionId,
    name: `${c.seed.source} → ${c.seed.destination}`,
    namespaceDefinition: 'destination',
    prefix: '',
    sourceId: c.sourceId,
    destinationId: c.destinationId,
    operationIds: [],
    syncCatalog: { streams },
    ...c.seed.schedule.cfg,
    status: c.status,
    breakingChange: c.schemaChange === 'breaking',
    notifySchemaChanges: true,
    notifySchemaChangesByEmail: false,
    nonBreakingChangesPreference: 'ignore',
    backfillPreference: 'disabled',
    created_at: c.createdAt,
    workspaceId: ws.workspaceId,
    tags: [],
  }
}

/** `schemaChange` exists only on WebBackendConnectionRead (ConnectionRead has `breakingChange`); trimmed to what matters. */
function webBackendConnectionRead(ws: Workspace, c: Connection) {
  const latest = selectJobs(ws, { connectionId: c.connectionId, range: [], field: 'createdAt', desc: true })[0]
  const snippet = (kind: 'source' | 'destination', id: string, name: string) => ({
    [`${kind}Id`]: id,
    name,
    [`${kind}Name`]: name,
    workspaceId: ws.workspaceId,
  })
  const { created_at: createdAt, ...read } = connectionRead(ws, c)
  return {
    ...read,
    createdAt,
    source: snippet('source', c.sourceId, c.seed.source),
    schemaChange: c.schemaChange,
    destination: snippet('destination', c.destinationId, c.seed.destination),
    isSyncing: ws.jobs.some(
      (j) => j.connectionId === c.connectionId && (j.status === 'running' || j.status === 'pending'),
    ),
    latestSyncJobCreatedAt: latest?.createdAt,
    latestSyncJobStatus: latest?.status,
  }
}

interface JobFilter {
  connectionId?: string | null
  statuses?: unknown[]
  range: (number | undefined)[] // createdAtStart, createdAtEnd, updatedAtStart, updatedAtEnd
  field: 'createdAt' | 'updatedAt'
  desc: boolean
}
function selectJobs(ws: Workspace, f: JobFilter) {
  const [cs, ce, us, ue] = f.range
  return ws.jobs
    .filter(
      (j) =>
        (!f.connectionId || j.connectionId === f.connectionId) &&
        (!f.statuses?.length || f.statuses.includes(j.status)),
    )
    .filter((j) => within(j.createdAt, cs, ce) && within(j.updatedAt, us, ue))
    .sort((a, b) => (a[f.field] - b[f.field] || a.id - b.id) * (f.desc ? -1 : 1))
}

function send(res: ServerResponse, status: number, value: unknown) {
  const text = typeof value === 'string'
  res
    .writeHead(status, { 'content-type': text ? 'text/plain' : 'application/json' })
    .end(text ? value : JSON.stringify(value))
}
const PROBLEMS = {
  400: ['bad-request', 'The request could not be understood by the server due to malformed syntax.'],
  401: ['invalid-api-key', 'The API key in the Authorization header is invalid.'],
  404: ['resource-not-found', 'The requested resource could not be found.'],
} as const
/** The public API's RFC 9457 problems (api-problems.yaml), served as application/json like AbstractThrowableProblemHandler. */
function problem(res: ServerResponse, status: keyof typeof PROBLEMS, data?: Json) {
  const [title, detail] = PROBLEMS[status]
  send(res, status, { status, type: `https://reference.airbyte.com/reference/errors#${title}`, title, detail, data })
}
/** Config API errors: current servers answer only `{errorId}`; `message` (allowed by KnownExceptionInfo) aids debugging. */
const configError = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { message, errorId: randomUUID() })

export function createFakeAirbyte() {
  const workspaces = new Map<string, Workspace>()
  const workspace = (token: string) => {
    const found = workspaces.get(token) ?? seedWorkspace(token)
    workspaces.set(token, found)
    return found
  }
  const findConnection = (ws: Workspace, id: unknown) => ws.connections.find((c) => c.connectionId === id)

  function publicApi(ws: Workspace, path: string, q: URLSearchParams, origin: string, res: ServerResponse) {
    const connection = /^\/connections\/([^/]+)$/.exec(path)
    if (connection) {
      const c = findConnection(ws, connection[1])
      if (!c) return problem(res, 404, { resourceType: 'connection', resourceId: connection[1] })
      return send(res, 200, publicConnection(ws, c))
    }
    const job = /^\/jobs\/(\d+)$/.exec(path)
    if (job) {
      const j = ws.jobs.find((x) => x.id === Number(job[1]))
      return j ? send(res, 200, publicJob(j)) : problem(res, 404, { resourceType: 'job', resourceId: job[1] })
    }
    if (path !== '/jobs' && path !== '/connections')
      return problem(res, 404, { resourceType: 'path', resourceId: path })
    const [limit, offset] = [Number(q.get('limit') ?? 20), Number(q.get('offset') ?? 0)]
    const paging =
      (!Number.isInteger(limit) || limit < 1 || limit > 100 ? 'limit must be 1..100' : '') ||
      (!Number.isInteger(offset) || offset < 0 ? 'offset must be >= 0' : '')
    if (paging) return problem(res, 400, { message: paging })
    // Like PaginationMapper: links carry only a few params, and `next` is set whenever this page is non-empty.
    const page = (data: unknown[], params: Record<string, string>) => {
      const query = (o: number) => new URLSearchParams({ ...params, limit: `${limit}`, offset: `${o}` })
      const link = (o: number) => `${origin}/airbyte/api/public/v1${path}?${query(o)}`
      return {
        previous: offset ? link(Math.max(offset - limit, 0)) : '',
        next: data.length ? link(offset + limit) : '',
        data,
      }
    }
    if (path === '/connections') {
      const data = ws.connections.slice(offset, offset + limit).map((c) => publicConnection(ws, c))
      return send(res, 200, page(data, { includeDeleted: 'false' }))
    }
    const connectionId = q.get('connectionId')
    if (connectionId && !findConnection(ws, connectionId)) {
      return problem(res, 404, { resourceType: 'connection', resourceId: connectionId })
    }
    const order = /^(createdAt|updatedAt)\|(ASC|DESC)$/i.exec(q.get('orderBy') ?? 'createdAt|ASC') // Airbyte's default
    const range = ['createdAtStart', 'createdAtEnd', 'updatedAtStart', 'updatedAtEnd'].map((k) => parseTime(q.get(k)))
    const [jobType, status] = [q.get('jobType'), q.get('status')]
    const bad =
      (order ? '' : `Invalid order by clause provided: ${q.get('orderBy')}`) ||
      (range.some((t) => Number.isNaN(t)) ? 'dates must be ISO 8601 date-times' : '') ||
      (jobType && !['sync', 'reset', 'refresh', 'clear'].includes(jobType) ? `unknown jobType ${jobType}` : '') ||
      (status && !STATUSES.includes(status as JobStatus) && status !== 'queued' ? `unknown status ${status}` : '')
    if (bad || !order) return problem(res, 400, { message: bad })
    const field = order[1]?.toLowerCase() === 'updatedat' ? 'updatedAt' : 'createdAt'
    const statuses = status ? [status] : []
    const all = selectJobs(ws, { connectionId, statuses, range, field, desc: order[2]?.toUpperCase() === 'DESC' })
    const data = (jobType && jobType !== 'sync' ? [] : all).slice(offset, offset + limit).map(publicJob)
    send(res, 200, page(data, { ...(jobType && { jobType }), ...(connectionId && { connectionId }) }))
  }

  function configApi(ws: Workspace, path: string, b: Json, res: ServerResponse) {
    if (path === '/jobs/get') {
      const j = ws.jobs.find((x) => x.id === b.id)
      if (!j) return configError(res, 404, `Could not find configuration for job: ${b.id}.`)
      return send(res, 200, { job: jobRead(j), attempts: attemptReads(j).map((attempt) => ({ attempt })) })
    }
    if (path === '/jobs/list') {
      if (!Array.isArray(b.configTypes) || !b.configTypes.length)
        return configError(res, 400, 'Must include at least one configType.')
      if (b.configId !== undefined && !findConnection(ws, b.configId)) {
        return configError(res, 404, `Could not find configuration for connection: ${b.configId}.`)
      }
      const range = [b.createdAtStart, b.createdAtEnd, b.updatedAtStart, b.updatedAtEnd].map(parseTime)
      if (range.some((t) => Number.isNaN(t))) return configError(res, 422, 'dates must be ISO 8601 date-times')
      const page = (b.pagination ?? {}) as Json
      const [size, offset] = [Number(page.pageSize ?? 200), Number(page.rowOffset ?? 0)] // JobHistoryHandler's defaults
      const statuses = Array.isArray(b.statuses) ? b.statuses : []
      const field = b.orderByField === 'updatedAt' ? 'updatedAt' : 'createdAt'
      const all = b.configTypes.includes('sync')
        ? selectJobs(ws, {
            connectionId: b.configId as string | undefined,
            statuses,
            range,
            field,
            desc: b.orderByMethod !== 'ASC',
          })
        : []
      const jobs = all.slice(offset, offset + size).map((j) => ({ job: jobRead(j), attempts: attemptReads(j) }))
      return send(res, 200, { jobs, totalJobCount: all.length })
    }
    if (typeof b.connectionId !== 'string') return configError(res, 400, 'connectionId is required')
    const c = findConnection(ws, b.connectionId)
    if (!c) return configError(res, 404, `Could not find configuration for connection: ${b.connectionId}.`)
    if (path === '/connections/get') return send(res, 200, connectionRead(ws, c))
    if (path === '/web_backend/connections/get') return send(res, 200, webBackendConnectionRead(ws, c))
    if (path === '/jobs/get_last_replication_job') {
      const latest = selectJobs(ws, { connectionId: c.connectionId, range: [], field: 'createdAt', desc: true })
      const job = latest.find((j) => j.status !== 'cancelled')
      return send(res, 200, job ? { job: jobRead(job) } : {})
    }
    configError(res, 404, `Not found: ${path}`)
  }

  function control(token: string, action: string, req: IncomingMessage, body: Json | undefined, res: ServerResponse) {
    if (!TOKEN.test(token)) return send(res, 400, { message: 'token must look like ab-…' })
    const ws = workspace(token)
    if (action === 'stats' && req.method === 'GET') {
      return send(res, 200, { total: Object.values(ws.calls).reduce((a, b) => a + b, 0), byPath: ws.calls })
    }
    if (req.method !== 'POST' || !body)
      return send(res, req.method === 'POST' ? 400 : 405, { message: 'POST a JSON object' })
    if (action === 'fail-next') {
      const status = body.status
      if (typeof status !== 'number' || status < 400 || status > 599)
        return send(res, 400, { message: 'status 400..599' })
      ws.failNext = { status, body: body.body }
      return send(res, 200, { armed: ws.failNext })
    }
    const c = findConnection(ws, body.connectionId)
    if (!c) return send(res, 404, { message: `unknown connectionId ${body.connectionId}` })
    if (action === 'schema-change') {
      const change = body.schemaChange as SchemaChange
      if (!SCHEMA_CHANGES.includes(change))
        return send(res, 400, { message: `schemaChange: ${SCHEMA_CHANGES.join('|')}` })
      c.schemaChange = change
      // A breaking change auto-disables the connection (disableConnectionIfNeeded); no_change stands for "fixed and re-enabled".
      if (change !== 'non_breaking') c.status = change === 'breaking' ? 'inactive' : 'active'
      return send(res, 200, {
        connectionId: c.connectionId,
        schemaChange: change,
        breakingChange: change === 'breaking',
        status: c.status,
      })
    }
    if (action !== 'jobs') return send(res, 404, { message: `unknown control ${action}` })
    const status = body.status as JobStatus
    if (!STATUSES.includes(status)) return send(res, 400, { message: `status: ${STATUSES.join('|')}` })
    const f = typeof body.failure === 'object' && body.failure ? (body.failure as Partial<Failure>) : undefined
    const failure = f && { ...DEFAULT_FAILURE.failed, ...f }
    const rows = Number(body.rowsSynced ?? (status === 'succeeded' ? c.seed.rows : 0))
    const now = nowSeconds()
    // With `jobId` an existing job moves on (running → succeeded); without, a new job is appended.
    let job = ws.jobs.find((j) => body.jobId !== undefined && j.id === body.jobId && j.connectionId === c.connectionId)
    if (body.jobId !== undefined && !job) return send(res, 404, { message: `unknown jobId ${body.jobId}` })
    if (!job) {
      const live = status === 'running' || status === 'pending'
      const duration = live ? 0 : 60 + (num(`${c.connectionId}:${ws.nextJobId}`) % 600)
      // Newer than every other job, even when several are appended within one second.
      const createdAt = Math.max(now - duration, ...ws.jobs.map((j) => j.createdAt + 1))
      const fresh = { id: ws.nextJobId++, connectionId: c.connectionId, streams: c.seed.streams, status, createdAt }
      job = { ...fresh, updatedAt: createdAt, rows, bytes: 0, attempts: 1 }
      ws.jobs.push(job)
    }
    job.status = status
    job.rows = rows
    job.bytes = Number(body.bytesSynced ?? rows * c.seed.rowBytes)
    job.failure = failure
    job.updatedAt = Math.max(now, job.createdAt)
    job.attempts = status === 'pending' ? 0 : status === 'failed' ? 3 : 1
    send(res, 200, publicJob(job))
  }

  return async function fakeAirbyte(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake-airbyte')
    if (url.pathname !== '/airbyte' && !url.pathname.startsWith('/airbyte/')) return false
    const path = url.pathname.slice('/airbyte'.length)
    let json: Json | undefined
    try {
      const parsed: unknown = JSON.parse(body || 'null')
      json = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : undefined
    } catch {}
    const ctl = /^\/_control\/([^/]+)\/([\w-]+)$/.exec(path)
    if (ctl) {
      control(decodeURIComponent(ctl[1] ?? ''), ctl[2] ?? '', req, json, res)
      return true
    }
    const isPublic = path.startsWith('/api/public/v1/')
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
    if (!token || !TOKEN.test(token)) {
      // The Config API documents no 401 body; Micronaut's error body carries `message`.
      if (isPublic) problem(res, 401)
      else send(res, 401, { message: 'Unauthorized' })
      return true
    }
    const ws = workspace(token)
    ws.calls[`${req.method} ${path}`] = (ws.calls[`${req.method} ${path}`] ?? 0) + 1
    if (ws.failNext) {
      const { status, body: failBody } = ws.failNext
      ws.failNext = undefined
      send(res, status, failBody ?? { message: 'Injected failure (fail-next)' })
      return true
    }
    if (isPublic) {
      if (req.method !== 'GET') send(res, 405, { message: 'Method Not Allowed' })
      else publicApi(ws, path.slice('/api/public/v1'.length), url.searchParams, `http://${req.headers.host}`, res)
    } else if (path.startsWith('/api/v1/')) {
      if (req.method !== 'POST') send(res, 405, { message: 'Method Not Allowed' })
      else if (!json) configError(res, 422, 'Invalid json input: expected a JSON object body')
      else configApi(ws, path.slice('/api/v1'.length), json, res)
    } else send(res, 404, { message: 'Not Found' })
    return true
  }
}
