import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeSalesforce } from '../../../dev/vendors/salesforce/server.ts'
import { serveRoutes } from '../../../dev/vendors/vendor-routes.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'

interface Row {
  attributes: { type: string; url: string }
  Id: string
  SystemModstamp: string
  [field: string]: unknown
}
interface QueryPage {
  totalSize: number
  done: boolean
  nextRecordsUrl?: string
  records: Row[]
}

let fake: { url: string; stop: () => Promise<void> }
beforeAll(async () => {
  fake = await serveRoutes(await freePort(), [createFakeSalesforce()])
})
afterAll(() => fake.stop())

const ms = (stamp: string) => Date.parse(stamp.replace(/\+0000$/, 'Z'))
const byStampThenId = (a: Row, b: Row) => ms(a.SystemModstamp) - ms(b.SystemModstamp) || (a.Id < b.Id ? -1 : 1)

async function grant(form: Record<string, string>) {
  const res = await fetch(`${fake.url}/salesforce/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

/** Authenticates as `clientId` and returns a GET helper bound to the instance URL, as a real client would. */
async function connect(clientId: string) {
  const { body } = await grant({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: `secret-${clientId}`,
  })
  let accessToken = body.access_token as string
  const get = async (path: string) => {
    const res = await fetch(`${body.instance_url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })
    return { status: res.status, body: (await res.json()) as unknown }
  }
  const query = async (soql: string) => get(`/services/data/v60.0/query?q=${encodeURIComponent(soql)}`)
  /** Follows nextRecordsUrl to the end. */
  const queryAll = async (soql: string) => {
    let page = (await query(soql)).body as QueryPage
    const rows = [...page.records]
    while (page.nextRecordsUrl) {
      page = (await get(page.nextRecordsUrl)).body as QueryPage
      rows.push(...page.records)
    }
    return { rows, totalSize: page.totalSize }
  }
  return { get, query, queryAll, setToken: (t: string) => (accessToken = t) }
}

async function control(clientId: string, path: string, body?: unknown) {
  const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
  const res = await fetch(`${fake.url}/salesforce/_control/${clientId}/${path}`, init)
  return (await res.json()) as Record<string, unknown>
}

const SYNC = 'SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id'

describe('fake Salesforce', () => {
  it('grants client_credentials tokens and rejects a bad secret or grant type', async () => {
    const ok = await grant({ grant_type: 'client_credentials', client_id: 'org-a', client_secret: 'secret-org-a' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ token_type: 'Bearer', instance_url: `${fake.url}/salesforce`, scope: 'api' })
    expect(ok.body.access_token).toMatch(/^00D\w{12}!/)
    expect(ok.body.issued_at).toMatch(/^\d{13}$/)
    expect(ok.body).not.toHaveProperty('refresh_token')

    const bad = await grant({ grant_type: 'client_credentials', client_id: 'org-a', client_secret: 'nope' })
    expect(bad).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    })
    const password = await grant({ grant_type: 'password', client_id: 'org-a', client_secret: 'secret-org-a' })
    expect(password.status).toBe(400)
    expect(password.body.error).toBe('unsupported_grant_type')
  })

  it('describes objects with Salesforce field types', async () => {
    const sf = await connect('org-a')
    const global = (await sf.get('/services/data/v60.0/sobjects')).body as {
      sobjects: { name: string; queryable: boolean }[]
    }
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 })
    const names = Object.fromEntries(global.sobjects.map((o) => [o.name, o.queryable]))
    expect(names).toMatchObject({ Account: true, Contact: true, Opportunity: true, AccountChangeEvent: false })

    const account = (await sf.get('/services/data/v60.0/sobjects/Account/describe')).body as {
      name: string
      fields: { name: string; type: string; nillable: boolean; length: number }[]
    }
    expect(account.name).toBe('Account')
    const types = Object.fromEntries(account.fields.map((f) => [f.name, f.type]))
    expect(types).toMatchObject({
      Id: 'id',
      Name: 'string',
      Website: 'url',
      Industry: 'picklist',
      AnnualRevenue: 'currency',
      NumberOfEmployees: 'int',
      Phone: 'phone',
      OwnerId: 'reference',
      SystemModstamp: 'datetime',
      IsDeleted: 'boolean',
    })
    expect(account.fields.find((f) => f.name === 'Id')).toMatchObject({ nillable: false, length: 18 })

    const missing = await sf.get('/services/data/v60.0/sobjects/Nope/describe')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
  })

  it('pages through nextRecordsUrl, returning every Account once in (SystemModstamp, Id) order', async () => {
    await control('org-paging', 'page-size', { size: 7 })
    const sf = await connect('org-paging')
    const first = (await sf.query(SYNC)).body as QueryPage
    expect(first.done).toBe(false)
    expect(first.records).toHaveLength(7)
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g\w{15}-7$/)
    expect(Object.keys(first.records[0] ?? {})).toEqual(['attributes', 'Id', 'Name', 'SystemModstamp'])

    const { rows, totalSize } = await sf.queryAll(SYNC)
    expect(totalSize).toBeGreaterThanOrEqual(30)
    expect(rows).toHaveLength(totalSize)
    expect(new Set(rows.map((r) => r.Id)).size).toBe(totalSize)
    expect(rows.every((r) => /^001\w{15}$/.test(r.Id) && r.attributes.type === 'Account')).toBe(true)
    expect(rows).toEqual([...rows].sort(byStampThenId))
    // Bulk updates leave several records on one stamp, which is why the cursor needs Id as a tie-break.
    expect(new Set(rows.map((r) => r.SystemModstamp)).size).toBeLessThan(rows.length)

    const stats = await control('org-paging', 'stats')
    expect(stats).toMatchObject({ tokenRequests: 1, queryCalls: 2, queryMoreCalls: Math.ceil(totalSize / 7) - 1 })

    const unknown = await sf.get('/services/data/v60.0/query/01gD0000002HU6KIAW-2000')
    expect(unknown).toEqual({
      status: 400,
      body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }],
    })
  })

  it('resumes from a (SystemModstamp, Id) cursor inside a group of equal stamps', async () => {
    const sf = await connect('org-a')
    const { rows } = await sf.queryAll(SYNC)
    const k = rows.findIndex((r, i) => rows[i + 1]?.SystemModstamp === r.SystemModstamp)
    expect(k).toBeGreaterThanOrEqual(0)
    const at = rows[k] as Row
    const stamp = at.SystemModstamp

    const where = `SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${at.Id}')`
    const resumed = await sf.queryAll(SYNC.replace(' ORDER', ` WHERE ${where} ORDER`))
    expect(resumed.rows.map((r) => r.Id)).toEqual(rows.slice(k + 1).map((r) => r.Id))

    // Instants are compared, not strings: the same moment written with Z.
    const zulu = new Date(ms(stamp)).toISOString()
    const after = await sf.queryAll(SYNC.replace(' ORDER', ` WHERE SystemModstamp > ${zulu} ORDER`))
    expect(after.rows.map((r) => r.Id)).toEqual(rows.filter((r) => ms(r.SystemModstamp) > ms(stamp)).map((r) => r.Id))

    // A control write lands strictly after everything, so the cursor from the last row picks up only it.
    const last = rows[rows.length - 1] as Row
    const written = await control('org-a', 'records/Account', {
      records: [{ Id: rows[0]?.Id, Name: 'Renamed Co' }, { Name: 'Brand New Inc' }],
    })
    expect(written.records).toHaveLength(2)
    const next = `SystemModstamp > ${last.SystemModstamp} OR (SystemModstamp = ${last.SystemModstamp} AND Id > '${last.Id}')`
    const delta = await sf.queryAll(SYNC.replace(' ORDER', ` WHERE ${next} ORDER`))
    expect(delta.rows.map((r) => r.Name).sort()).toEqual(['Brand New Inc', 'Renamed Co'])
    expect(delta.rows[0]?.SystemModstamp).toBe(delta.rows[1]?.SystemModstamp)
  })

  it('answers 401 INVALID_SESSION_ID after expire-tokens, until the client re-authenticates', async () => {
    const sf = await connect('org-expiry')
    expect((await sf.get('/services/data/v60.0/sobjects')).status).toBe(200)
    await control('org-expiry', 'expire-tokens', {})
    expect(await sf.get('/services/data/v60.0/sobjects')).toEqual({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    })
    const { refresh_token } = (await control('org-expiry', 'refresh-token', {})) as { refresh_token: string }
    const form = { client_id: 'org-expiry', client_secret: 'secret-org-expiry', grant_type: 'refresh_token' }
    const refreshed = await grant({ ...form, refresh_token })
    expect(refreshed.status).toBe(200)
    sf.setToken(refreshed.body.access_token as string)
    expect((await sf.get('/services/data/v60.0/sobjects')).status).toBe(200)
    expect((await grant({ ...form, refresh_token: 'bogus' })).body.error).toBe('invalid_grant')
  })

  it('rejects unknown fields with INVALID_FIELD and anything outside the subset with MALFORMED_QUERY', async () => {
    const sf = await connect('org-a')
    const bad = await sf.query('SELECT Id, Foo FROM Account ORDER BY SystemModstamp, Id')
    expect(bad.status).toBe(400)
    const [error] = bad.body as { errorCode: string; message: string }[]
    expect(error?.errorCode).toBe('INVALID_FIELD')
    expect(error?.message).toContain("No such column 'Foo' on entity 'Account'")

    const malformed = await sf.query('SELECT Id FROM Account ORDER BY Name')
    expect(malformed.status).toBe(400)
    expect((malformed.body as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY')

    // Schema drift: after a rename the old name is an unknown column.
    await control('org-a', 'rename-field', { object: 'Account', from: 'Website', to: 'Web_Address__c' })
    expect((await sf.query('SELECT Website FROM Account ORDER BY SystemModstamp, Id')).status).toBe(400)
    expect((await sf.query('SELECT Web_Address__c FROM Account ORDER BY SystemModstamp, Id')).status).toBe(200)
  })

  it('fails the next API call once when told to', async () => {
    const sf = await connect('org-a')
    await control('org-a', 'fail-next', { status: 503 })
    const failed = await sf.get('/services/data/v60.0/sobjects')
    expect(failed.status).toBe(503)
    expect((failed.body as { errorCode: string }[])[0]?.errorCode).toBe('SERVER_UNAVAILABLE')
    expect((await sf.get('/services/data/v60.0/sobjects')).status).toBe(200)
  })
})
