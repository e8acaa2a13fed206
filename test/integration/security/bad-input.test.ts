import { env } from 'cloudflare:workers'
import { type SQL, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../../../workers/adapters/db/client.ts'
import type { AppEnv } from '../../../workers/api/app-env.ts'
import { onError } from '../../../workers/api/on-error.ts'
import { type Account, call, expectProblem, signup, uniqueEmail } from '../../support/api.ts'

// JSON escapes, sent as raw text: valid JSON whose strings hold U+0000 or an unpaired surrogate.
const ESCAPES = { nul: '\\u0000', 'lone surrogate': '\\ud800' } as const
const MARK = '@@BAD@@'

/** The body as JSON text with MARK in a string (value or key) replaced by an escape. */
const poisoned = (body: Record<string, unknown>, jsonEscape: string) => JSON.stringify(body).replace(MARK, jsonEscape)

/** Each string field of `body` in turn made bad: the answer is 400 naming exactly that field, never 500. */
async function expectEveryFieldRejected(path: string, body: Record<string, string>, token?: string) {
  for (const field of Object.keys(body)) {
    for (const [label, jsonEscape] of Object.entries(ESCAPES)) {
      const res = await call(path, {
        ...(token ? { token } : {}),
        body: poisoned({ ...body, [field]: `${body[field]}${MARK}` }, jsonEscape),
      })
      const problem = await expectProblem(res, 400, 'validation_failed')
      expect(problem.errors, `${path} ${field} with a ${label}`).toEqual([
        { path: field, message: expect.stringContaining('U+0000'), code: 'invalid_characters' },
      ])
    }
  }
}

describe('text a database cannot store', () => {
  let owner: Account

  beforeAll(async () => {
    owner = await signup('Bad Input Co')
  })

  it('is refused with 400 in every field of the public auth routes', async () => {
    await expectEveryFieldRejected('/v1/auth/signup', {
      email: uniqueEmail('bad'),
      password: 'correct horse battery',
      tenant_name: 'Acme',
    })
    await expectEveryFieldRejected('/v1/auth/login', {
      email: owner.email,
      password: owner.password,
      tenant_id: owner.tenantId,
    })
    await expectEveryFieldRejected('/v1/auth/refresh', { refresh_token: owner.tokens.refresh_token })
    const linkToken = 'aos_el_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'
    await expectEveryFieldRejected('/v1/auth/verify-email', { token: linkToken })
    await expectEveryFieldRejected('/v1/auth/password-reset', { email: owner.email })
    await expectEveryFieldRejected('/v1/auth/password-reset/confirm', {
      token: linkToken,
      password: 'a fine pass phrase',
    })
    await expectEveryFieldRejected('/v1/auth/invitation', { token: linkToken })
    await expectEveryFieldRejected('/v1/auth/accept-invitation', { token: linkToken, password: 'a fine pass phrase' })
  })

  it('is refused in authenticated bodies, nested fields and keys', async () => {
    const token = owner.tokens.access_token
    await expectEveryFieldRejected('/v1/api-keys', { name: 'nightly', role: 'viewer' }, token)
    await expectEveryFieldRejected('/v1/connections', { kind: 'file', name: 'Exports' }, token)
    const nested = await call('/v1/connections', {
      token,
      body: poisoned({ kind: 'file', name: 'Exports', config: { primary_key: `id${MARK}` } }, ESCAPES.nul),
    })
    expect((await expectProblem(nested, 400, 'validation_failed')).errors?.map((e) => e.path)).toEqual([
      'config.primary_key',
    ])
    const key = await call('/v1/connections', {
      token,
      body: poisoned({ kind: 'file', name: 'Exports', [`x${MARK}`]: 1 }, ESCAPES['lone surrogate']),
    })
    expect((await expectProblem(key, 400, 'validation_failed')).errors?.map((e) => e.path)).toEqual(['x\uFFFD'])
  })

  it('is refused in query strings and paths', async () => {
    const token = owner.tokens.access_token
    const query = await expectProblem(await call('/v1/jobs?status=%00', { token }), 400, 'validation_failed')
    expect(query.errors?.map((e) => e.path)).toEqual(['status'])
    const flag = await call('/v1/flags/a%00b', { method: 'PUT', token, body: { value: true } })
    const path = await expectProblem(flag, 400, 'validation_failed')
    expect(path.errors?.map((e) => e.path)).toEqual(['(path)'])
  })

  it('leaves bodies that are not JSON to the route, as before', async () => {
    const broken = await call('/v1/auth/login', { body: '{"email": "a@b.co", "password": "\\u0000' })
    await expectProblem(broken, 400, 'bad_request')
    const fine = await call('/v1/connections', {
      token: owner.tokens.access_token,
      body: { kind: 'file', name: 'Exports 😀 é', config: { primary_key: 'id' } },
    })
    expect(fine.status).toBe(201)
  })
})

describe('database errors a client caused', () => {
  /** The answer onError gives for whatever `query` makes the real driver (through drizzle) throw. */
  async function answerTo(query: SQL) {
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    const error = await db
      .transaction(async (tx) => {
        await tx.execute(sql`create temporary table race_probe (name text primary key) on commit drop`)
        await tx.execute(query)
      })
      .then(
        () => null,
        (e: unknown) => e,
      )
      .finally(close)
    expect(error).toBeInstanceOf(Error)
    const app = new Hono<AppEnv>()
    app.onError(onError)
    app.get('/probe', () => {
      throw error
    })
    return app.request('/probe')
  }

  it('answers a unique violation with 409 and nothing about the schema', async () => {
    const res = await answerTo(sql`insert into race_probe values ('same'), ('same')`)
    const problem = await expectProblem(res, 409, 'conflict')
    expect(problem.detail).not.toMatch(/race_probe|pkey|insert|constraint/i)
  })

  it('answers text Postgres cannot store with 400, and anything else with 500', async () => {
    await expectProblem(await answerTo(sql`select ${'a\u0000b'}::text`), 400, 'bad_request')
    await expectProblem(await answerTo(sql`select 1 / 0`), 500, 'internal')
  })

  it('answers concurrent imports of the same asset without a 500', async () => {
    const { tokens } = await signup('Race Co')
    const token = tokens.access_token
    const aod = `aod-${crypto.randomUUID().slice(0, 8)}`
    const settings = await call('/v1/settings/aod', {
      method: 'PUT',
      token,
      body: { base_url: `${inject('harnessUrl')}/aod`, token: aod },
    })
    expect(settings.status).toBe(200)
    const assets = (await (await call('/v1/aod/assets', { token })).json()) as {
      data: { id: string; importable: boolean }[]
    }
    const asset = assets.data.find((a) => a.importable)?.id as string
    // On PGlite transactions run one at a time, so only a real Postgres races here; none may answer 500.
    const statuses = await Promise.all(
      Array.from(
        { length: 6 },
        async () => (await call('/v1/aod/import', { token, body: { asset_ids: [asset] } })).status,
      ),
    )
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])
    expect(statuses).toContain(200)
    const after = (await (await call('/v1/connections', { token })).json()) as { data: { aod_asset_id: string }[] }
    expect(after.data.filter((c) => c.aod_asset_id === asset)).toHaveLength(1)
  })
})
