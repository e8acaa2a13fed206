import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type ApiRecord,
  byStampThenId,
  describeField,
  describeObject,
  FIELD_TYPES,
  type FieldType,
  instant,
  makeId,
  parseDateTime,
  project,
  type SeededOrg,
  type SfRecord,
  type SfValue,
  type SObjectDef,
  seedOrg,
  sfDateTime,
  to18,
} from './data.ts'

/**
 * A stand-in for the Salesforce REST API (v60.0) under `/salesforce`: OAuth token endpoint, describeGlobal,
 * describe, and a SOQL subset for incremental sync (`ORDER BY SystemModstamp, Id` with a tie-break cursor),
 * paged through `nextRecordsUrl`. Each client_id is its own seeded org; `/salesforce/_control/<client_id>/…`
 * lets tests change data and schema, expire tokens and inject failures. Used by tests and by `npm start`.
 */

export interface FakeSalesforceOptions {
  /** Records per query page (Salesforce's default is 2000). */
  pageSize?: number
}

interface Org extends SeededOrg {
  clientId: string
  pageSize: number
  maxStamp: number
  refreshTokens: Set<string>
  cursors: Map<string, { rows: ApiRecord[]; size: number }>
  failNext?: { status: number; body: unknown }
  stats: { tokenRequests: number; queryCalls: number; queryMoreCalls: number; apiCalls: number }
}

type Reply = [status: number, body: unknown]

const PREFIX = '/salesforce'
const MAX_CURSORS = 50
const sfError = (errorCode: string, message: string) => [{ message, errorCode }]
const FAILURES: Record<number, [string, string]> = {
  403: ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
  503: ['SERVER_UNAVAILABLE', 'Server temporarily unavailable, please retry.'],
}
const NOT_FOUND: Reply = [404, sfError('NOT_FOUND', 'The requested resource does not exist')]
const DT = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))`
const SOQL =
  /^\s*SELECT\s+([\s\S]+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+([\s\S]+?))?\s+ORDER\s+BY\s+SystemModstamp(?:\s+ASC)?\s*,\s*Id(?:\s+ASC)?(?:\s+LIMIT\s+(\d+))?\s*$/i
const WHERE_AFTER = new RegExp(String.raw`^SystemModstamp\s*>\s*${DT}$`, 'i')
const WHERE_TIE = new RegExp(
  String.raw`^SystemModstamp\s*>\s*${DT}\s+OR\s*\(\s*SystemModstamp\s*=\s*${DT}\s+AND\s+Id\s*>\s*'(\w{15}|\w{18})'\s*\)$`,
  'i',
)

export function createFakeSalesforce(options: FakeSalesforceOptions = {}) {
  const orgs = new Map<string, Org>()
  const accessTokens = new Map<string, Org>()

  const orgFor = (clientId: string): Org => {
    let org = orgs.get(clientId)
    if (!org) {
      const seeded = seedOrg(clientId)
      const stamps = [...seeded.records.values()].flat().map((r) => instant(r.SystemModstamp))
      org = {
        ...seeded,
        clientId,
        pageSize: options.pageSize ?? 2000,
        maxStamp: Math.max(0, ...stamps),
        refreshTokens: new Set(),
        cursors: new Map(),
        stats: { tokenRequests: 0, queryCalls: 0, queryMoreCalls: 0, apiCalls: 0 },
      }
      orgs.set(clientId, org)
    }
    return org
  }
  const objectOf = (org: Org, name: string) => org.schema.find((o) => o.name.toLowerCase() === name.toLowerCase())
  const rowsOf = (org: Org, def: SObjectDef) => org.records.get(def.name) ?? []

  function token(origin: string, form: URLSearchParams): Reply {
    const grant = form.get('grant_type')
    const clientId = form.get('client_id') ?? ''
    if (clientId) orgFor(clientId).stats.tokenRequests++
    if (grant !== 'client_credentials' && grant !== 'refresh_token') {
      return [400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }]
    }
    const secret = form.get('client_secret')
    if (!clientId || secret !== `secret-${clientId}`) {
      return [400, { error: 'invalid_client', error_description: 'invalid client credentials' }]
    }
    const org = orgFor(clientId)
    if (grant === 'refresh_token' && !org.refreshTokens.has(form.get('refresh_token') ?? '')) {
      return [400, { error: 'invalid_grant', error_description: 'expired access/refresh token' }]
    }
    // Real access tokens are "<15-char org id>!<opaque>".
    const accessToken = `${org.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`
    accessTokens.set(accessToken, org)
    const id = `${origin}${PREFIX}/id/${org.orgId}/${org.userIds[0]}`
    const issuedAt = String(Date.now())
    const signature = createHmac('sha256', secret)
      .update(id + issuedAt)
      .digest('base64')
    return [
      200,
      {
        access_token: accessToken,
        signature,
        scope: 'api',
        instance_url: `${origin}${PREFIX}`,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
      },
    ]
  }

  function query(org: Org, version: string, soql: string, batchHeader: string | undefined): Reply {
    org.stats.queryCalls++
    const malformed = (why: string): Reply => [400, sfError('MALFORMED_QUERY', `${why}: ${soql}`)]
    // Salesforce's parse errors quote the query with a caret under the offending token.
    const located = (code: string, token: string, text: string): Reply => {
      const col = Math.max(0, soql.search(new RegExp(`\\b${token}\\b`)))
      return [400, sfError(code, `\n${soql}\n${' '.repeat(col)}^\nERROR at Row:1:Column:${col + 1}\n${text}`)]
    }
    const m = SOQL.exec(soql)
    if (!m) return malformed('unexpected token or unsupported SOQL (the fake knows only its incremental-sync subset)')
    const [, select = '', objectName = '', where, limit] = m
    const def = objectOf(org, objectName)
    if (!def) {
      return located('INVALID_TYPE', objectName, `sObject type '${objectName}' is not supported.`)
    }
    if (!def.queryable) return [400, sfError('INVALID_TYPE', `entity type ${def.name} does not support query`)]
    const fields: string[] = []
    for (const raw of select.split(',').map((s) => s.trim())) {
      if (!/^\w+$/.test(raw)) return malformed(`unexpected token: '${raw}'`)
      const f = def.fields.find((x) => x.name.toLowerCase() === raw.toLowerCase())
      if (!f) {
        return located(
          'INVALID_FIELD',
          raw,
          `No such column '${raw}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        )
      }
      if (fields.includes(f.name)) return malformed(`duplicate field selected: ${f.name}`)
      fields.push(f.name)
    }
    let keep: (r: SfRecord) => boolean = () => true
    if (where !== undefined) {
      const after = WHERE_AFTER.exec(where.trim())
      const tie = after ? undefined : WHERE_TIE.exec(where.trim())
      const gt = parseDateTime(after?.[1] ?? tie?.[1])
      const eq = parseDateTime(tie?.[2])
      const id = tie?.[3]
      if (gt === undefined || (tie && eq === undefined)) return malformed(`unsupported WHERE clause '${where}'`)
      const afterId = id?.length === 15 ? to18(id) : id
      keep = (r) => {
        const at = instant(r.SystemModstamp)
        return at > gt || (eq !== undefined && afterId !== undefined && at === eq && String(r.Id) > afterId)
      }
    }
    const rows = rowsOf(org, def)
      .filter((r) => r.IsDeleted !== true && keep(r))
      .sort(byStampThenId)
      .slice(0, limit === undefined ? undefined : Number(limit))
      .map((r) => project(version, def.name, r, fields))
    // `Sforce-Query-Options: batchSize=n` may lower the page (Salesforce honours 200..2000).
    const asked = Number(/batchSize=(\d+)/i.exec(batchHeader ?? '')?.[1] ?? 2000)
    const size = Math.min(org.pageSize, Math.min(2000, Math.max(200, asked)))
    const cursor = makeId('01g', org.pod, org.seq++)
    if (rows.length > size) {
      // Salesforce caps open cursors per user and drops the oldest.
      if (org.cursors.size >= MAX_CURSORS) org.cursors.delete(org.cursors.keys().next().value as string)
      org.cursors.set(cursor, { rows, size })
    }
    return [200, page(version, cursor, rows, 0, size)]
  }

  function page(version: string, cursor: string, rows: ApiRecord[], offset: number, size: number) {
    const end = Math.min(rows.length, offset + size)
    const done = end >= rows.length
    return {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${version}/query/${cursor}-${end}` }),
      records: rows.slice(offset, end),
    }
  }

  function upsert(org: Org, def: SObjectDef, input: unknown): Reply {
    const list = (input as { records?: unknown } | null)?.records
    if (!Array.isArray(list)) return [400, { error: 'body must be {records:[{...fields}]}' }]
    const changes: SfRecord[] = []
    for (const item of list) {
      if (typeof item !== 'object' || item === null) return [400, { error: 'each record must be an object' }]
      const change: SfRecord = {}
      for (const [key, value] of Object.entries(item)) {
        const f = def.fields.find((x) => x.name.toLowerCase() === key.toLowerCase())
        if (!f) return [400, { error: `No such column '${key}' on entity '${def.name}'` }]
        if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
          return [400, { error: `field ${f.name} must be a string, number, boolean or null` }]
        }
        change[f.name] = value as SfValue
      }
      if (change.Id !== undefined && !/^\w{15}(\w{3})?$/.test(String(change.Id))) {
        return [400, { error: `malformed Id '${String(change.Id)}'` }]
      }
      changes.push(change)
    }
    // One stamp for the whole call, as a bulk update gets; strictly after anything in the org.
    org.maxStamp = Math.max(Math.floor(Date.now() / 1000) * 1000, org.maxStamp + 1000)
    const stamp = sfDateTime(org.maxStamp)
    const rows = org.records.get(def.name) ?? []
    org.records.set(def.name, rows)
    const stored = changes.map((change) => {
      const id = change.Id ? to18(String(change.Id).slice(0, 15)) : makeId(def.keyPrefix ?? '000', org.pod, org.seq++)
      let record = rows.find((r) => r.Id === id)
      if (!record) {
        record = Object.fromEntries(def.fields.map((f) => [f.name, null]))
        Object.assign(record, { Id: id, IsDeleted: false, OwnerId: org.userIds[0] ?? null, CreatedDate: stamp })
        rows.push(record)
      }
      const { Id: _id, CreatedDate: _c, LastModifiedDate: _l, SystemModstamp: _s, ...values } = change
      Object.assign(record, values, { LastModifiedDate: stamp, SystemModstamp: stamp })
      if (def.name === 'Contact' && 'Name' in record) {
        record.Name = [record.FirstName, record.LastName].filter((v) => v !== null && v !== undefined).join(' ')
      }
      return project('v60.0', def.name, record, Object.keys(record))
    })
    return [200, { records: stored }]
  }

  function control(org: Org, action: string, object: string | undefined, method: string, input: unknown): Reply {
    const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
    if (method === 'GET' && action === 'stats' && !object) return [200, { ...org.stats, openCursors: org.cursors.size }]
    if (method !== 'POST') return [405, { error: 'control endpoints take POST (stats takes GET)' }]
    if (action === 'records' && object) {
      const def = objectOf(org, object)
      return def?.queryable ? upsert(org, def, input) : [404, { error: `unknown object ${object}` }]
    }
    if (object) return [404, { error: 'unknown control endpoint' }]
    if (action === 'rename-field' || action === 'add-field') {
      const def = objectOf(org, String(body.object ?? ''))
      if (!def?.queryable) return [400, { error: `unknown object ${String(body.object)}` }]
      const target = String(action === 'add-field' ? body.name : body.to)
      if (!/^[A-Za-z]\w*$/.test(target) || def.fields.some((f) => f.name.toLowerCase() === target.toLowerCase())) {
        return [400, { error: `invalid or existing field name '${target}'` }]
      }
      const rows = rowsOf(org, def)
      if (action === 'rename-field') {
        const f = def.fields.find((x) => x.name === body.from)
        // The sync cursor needs these two; renaming them would make every query fail.
        if (!f || f.name === 'Id' || f.name === 'SystemModstamp') {
          return [400, { error: `cannot rename '${String(body.from)}'` }]
        }
        for (const r of rows) {
          r[target] = r[f.name] ?? null
          delete r[f.name]
        }
        f.name = target
        return [200, { object: def.name, field: describeField(f) }]
      }
      const type = String(body.type) as FieldType
      if (!FIELD_TYPES.includes(type)) return [400, { error: `type must be one of ${FIELD_TYPES.join(', ')}` }]
      const value = (body.value ?? null) as SfValue
      const f = { name: target, label: target.replace(/__c$/, '').replace(/_/g, ' '), type, nillable: true }
      const added = type === 'picklist' && typeof value === 'string' ? { ...f, picklist: [value] } : f
      def.fields.push(added)
      for (const r of rows) r[target] = value
      return [200, { object: def.name, field: describeField(added) }]
    }
    if (action === 'expire-tokens') {
      let expired = 0
      for (const [t, owner] of accessTokens) if (owner === org && accessTokens.delete(t)) expired++
      return [200, { expired }]
    }
    if (action === 'refresh-token') {
      const refreshToken = `5Aep861${randomBytes(40).toString('base64url')}`
      org.refreshTokens.add(refreshToken)
      return [200, { refresh_token: refreshToken }]
    }
    if (action === 'page-size') {
      const size = Number(body.size)
      if (!Number.isInteger(size) || size < 1) return [400, { error: 'size must be a positive integer' }]
      org.pageSize = size
      return [200, { size }]
    }
    if (action === 'fail-next') {
      const status = Number(body.status)
      if (!Number.isInteger(status) || status < 400 || status > 599) return [400, { error: 'status must be 4xx/5xx' }]
      // Default bodies are what Salesforce sends for these statuses.
      const [code, message] = FAILURES[status] ?? ['UNKNOWN_EXCEPTION', 'An unexpected error occurred.']
      org.failNext = { status, body: body.body ?? sfError(code, message) }
      return [200, { status }]
    }
    return [404, { error: 'unknown control endpoint' }]
  }

  function api(org: Org, version: string, route: string, url: URL, req: IncomingMessage): Reply {
    if (req.method !== 'GET') {
      return [405, sfError('METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET`)]
    }
    if (route === '/sobjects' || route === '/sobjects/') {
      const sobjects = org.schema.map((o) => describeObject(version, o))
      return [200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects }]
    }
    const describe = /^\/sobjects\/(\w+)\/describe\/?$/.exec(route)
    if (describe) {
      const def = objectOf(org, describe[1] as string)
      return def ? [200, { ...describeObject(version, def), fields: def.fields.map(describeField) }] : NOT_FOUND
    }
    const retrieve = /^\/sobjects\/(\w+)\/(\w{15}|\w{18})$/.exec(route)
    if (retrieve) {
      const def = objectOf(org, retrieve[1] as string)
      const id = to18((retrieve[2] as string).slice(0, 15))
      const record = def && rowsOf(org, def).find((r) => r.Id === id && r.IsDeleted !== true)
      const all = def?.fields.map((f) => f.name) ?? []
      return def && record ? [200, project(version, def.name, record, all)] : NOT_FOUND
    }
    if (route === '/query' || route === '/query/') {
      const q = url.searchParams.get('q')
      if (!q) return [400, sfError('MALFORMED_QUERY', 'A query string has to be specified')]
      return query(org, version, q, req.headers['sforce-query-options'] as string | undefined)
    }
    const more = /^\/query\/(\w{18})-(\d+)$/.exec(route)
    if (more) {
      org.stats.queryMoreCalls++
      const cursor = org.cursors.get(more[1] as string)
      const offset = Number(more[2])
      if (!cursor || offset >= cursor.rows.length) {
        return [400, sfError('INVALID_QUERY_LOCATOR', 'invalid query locator')]
      }
      return [200, page(version, more[1] as string, cursor.rows, offset, cursor.size)]
    }
    return NOT_FOUND
  }

  return async function fakeSalesforce(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid')
    if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return false
    const route = url.pathname.slice(PREFIX.length)
    const send = ([status, payload]: Reply) => {
      // A string body (fail-next with an HTML error page, say) goes out as it is.
      const type = typeof payload === 'string' ? 'text/html' : 'application/json;charset=UTF-8'
      res
        .writeHead(status, { 'content-type': type })
        .end(typeof payload === 'string' ? payload : JSON.stringify(payload))
      return true
    }
    if (route === '/services/oauth2/token') {
      if (req.method !== 'POST')
        return send([405, { error: 'invalid_request', error_description: 'must use HTTP POST' }])
      return send(token(`http://${req.headers.host ?? '127.0.0.1'}`, new URLSearchParams(body)))
    }
    const ctl = /^\/_control\/([^/]+)\/([\w-]+)(?:\/(\w+))?$/.exec(route)
    if (ctl) {
      let input: unknown = {}
      try {
        input = body ? JSON.parse(body) : {}
      } catch {
        return send([400, { error: 'body must be JSON' }])
      }
      const org = orgFor(decodeURIComponent(ctl[1] as string))
      return send(control(org, ctl[2] as string, ctl[3], req.method ?? 'GET', input))
    }
    const data = /^\/services\/data\/(v\d+\.\d)(\/.*)$/.exec(route)
    if (!data) return send(NOT_FOUND)
    const auth = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    const org = auth ? accessTokens.get(auth[1] as string) : undefined
    if (!org) return send([401, sfError('INVALID_SESSION_ID', 'Session expired or invalid')])
    org.stats.apiCalls++
    res.setHeader('sforce-limit-info', `api-usage=${org.stats.apiCalls}/15000`)
    if (org.failNext) {
      const failure = org.failNext
      org.failNext = undefined
      return send([failure.status, failure.body])
    }
    return send(api(org, data[1] as string, data[2] as string, url, req))
  }
}
