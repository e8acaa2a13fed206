import { env } from 'cloudflare:workers'
import postgres from 'postgres'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { sealConnectionSecret } from '../../../workers/adapters/sources/connection-secret.ts'
import { parseConfig } from '../../../workers/env.ts'
import { call, expectProblem, signup } from '../../support/api.ts'

// The tests' own databases are on loopback, which ALLOW_LOOPBACK_URLS lets through here; that loopback
// is refused without it is the unit tests' (test/unit/aam/database-url.test.ts). Private ranges and the
// metadata address are refused whatever the allowance.
const PRIVATE_POSTGRES = [
  'postgres://reader:s3cret@10.0.0.5:5432/crm',
  'postgres://reader:s3cret@169.254.169.254:80/crm',
  'postgresql://reader:s3cret@db.example.com:5432,192.168.1.1:5432/crm',
]
const PRIVATE_MONGODB = [
  'mongodb://reader:s3cret@192.168.1.1:27017/',
  'mongodb://reader:s3cret@mongo.example.com:27017,10.0.0.5:27017/?replicaSet=rs0',
  'mongodb+srv://reader:s3cret@cluster0.corp.internal/',
]

const expectUrlRefused = async (res: Response) => {
  const problem = await expectProblem(res, 400, 'validation_failed')
  expect(problem.errors).toEqual([expect.objectContaining({ path: 'url', code: 'invalid_url' })])
  expect(problem.detail).toContain('url must be a public host')
  expect(JSON.stringify(problem)).not.toContain('s3cret')
}

describe('database URLs follow the outbound host rule', () => {
  let token: string
  let tenantId: string
  let postgresId: string
  let mongoId: string
  beforeAll(async () => {
    const owner = await signup('Database URL Co')
    token = owner.tokens.access_token
    tenantId = owner.tenantId
    const create = async (body: Record<string, unknown>) => {
      const res = await call('/v1/connections', { token, body })
      expect(res.status, await res.clone().text()).toBe(201)
      return ((await res.json()) as { id: string }).id
    }
    postgresId = await create({ kind: 'postgres', name: 'Loopback CRM', url: env.DATABASE_URL })
    mongoId = await create({
      kind: 'mongodb',
      name: 'Loopback orders',
      url: inject('mongoUrl'),
      config: { database: 'x' },
    })
  })

  it('refuses to create a connection to a private or metadata address, naming the field', async () => {
    for (const url of PRIVATE_POSTGRES)
      await expectUrlRefused(await call('/v1/connections', { token, body: { kind: 'postgres', name: 'Inside', url } }))
    for (const url of PRIVATE_MONGODB)
      await expectUrlRefused(
        await call('/v1/connections', {
          token,
          body: { kind: 'mongodb', name: 'Inside', url, config: { database: 'crm' } },
        }),
      )
    const listed = (await (await call('/v1/connections', { token })).json()) as { data: { name: string }[] }
    expect(listed.data.map((c) => c.name)).not.toContain('Inside')
  })

  it('refuses such a URL when credentials are set or rotated', async () => {
    for (const url of PRIVATE_POSTGRES)
      await expectUrlRefused(
        await call(`/v1/connections/${postgresId}/credentials`, { method: 'PUT', token, body: { url } }),
      )
    for (const url of PRIVATE_MONGODB)
      await expectUrlRefused(
        await call(`/v1/connections/${mongoId}/credentials`, { method: 'PUT', token, body: { url } }),
      )
  })

  it('does not dial a private URL stored before the rule', async () => {
    const config = parseConfig(env)
    const admin = postgres(env.DATABASE_URL as string, { max: 1, prepare: false })
    const store = async (id: string, url: string) =>
      admin`update connections set secret_ciphertext = ${await sealConnectionSecret(config, tenantId, url)} where id = ${id}`
    await store(postgresId, 'postgres://reader:s3cret@10.0.0.5:5432/crm')
    await store(mongoId, 'mongodb://reader:s3cret@169.254.169.254:27017/')
    for (const id of [postgresId, mongoId]) {
      const problem = await expectProblem(
        await call(`/v1/connections/${id}/test`, { method: 'POST', token }),
        409,
        'conflict',
      )
      expect(problem.detail).toContain('The database URL must be a public host')
      expect(problem.detail).toContain(`/v1/connections/${id}/credentials`)
    }
  })

  it('answers the same for a closed port as for an open one that is not the database', async () => {
    // The harness is an HTTP server: an open port that does not speak Postgres or MongoDB.
    const open = new URL(inject('harnessUrl')).port
    const detailOf = async (kind: string, url: string) => {
      const res = await call('/v1/connections', {
        token,
        body: { kind, name: 'Probe', url, ...(kind === 'mongodb' ? { config: { database: 'crm' } } : {}) },
      })
      const { id } = (await res.json()) as { id: string }
      const problem = await expectProblem(
        await call(`/v1/connections/${id}/test`, { method: 'POST', token }),
        502,
        'source_unreachable',
      )
      expect(JSON.stringify(problem)).not.toContain('s3cret')
      return problem.detail
    }
    const postgresClosed = await detailOf('postgres', 'postgres://reader:s3cret@127.0.0.1:1/crm')
    expect(postgresClosed).toContain('Check the URL')
    expect(await detailOf('postgres', `postgres://reader:s3cret@127.0.0.1:${open}/crm`)).toBe(postgresClosed)
    const mongoOptions = '?directConnection=true&serverSelectionTimeoutMS=1000'
    const mongoClosed = await detailOf('mongodb', `mongodb://reader:s3cret@127.0.0.1:1/${mongoOptions}`)
    expect(mongoClosed).toContain('Check the URL')
    expect(await detailOf('mongodb', `mongodb://reader:s3cret@127.0.0.1:${open}/${mongoOptions}`)).toBe(mongoClosed)
  })
})
