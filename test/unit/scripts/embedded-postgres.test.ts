import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPostgres, startEmbeddedPostgres } from '../../../scripts/lib/embedded-postgres.ts'
import { freePort } from '../../../scripts/lib/free-port.ts'

// The embedded default is one PGlite session served to every client: the app's pool, a tenant's
// Postgres source pointed at it, drizzle-kit. Clients must never see each other's statements or results.
let pg: RunningPostgres
let reader: postgres.Sql
let writer: postgres.Sql

beforeAll(async () => {
  pg = await startEmbeddedPostgres({ port: await freePort() })
  reader = postgres(pg.url, { max: 1, prepare: false })
  writer = postgres(pg.url, { max: 4, prepare: false })
  await reader`create table items (id int primary key, note text)`
  await reader.unsafe(`insert into items select g, 'item ' || g from generate_series(1, 500) g`)
}, 60_000)

afterAll(async () => {
  await Promise.all([reader.end(), writer.end()])
  await pg.stop()
})

describe('embedded Postgres', () => {
  it('answers concurrent extended-protocol queries from several clients each with its own result', async () => {
    const checks: Promise<void>[] = []
    for (let i = 0; i < 100; i++) {
      checks.push(
        reader.unsafe('select id from items where id > $1 order by id limit 5', [i]).then(([row]) => {
          expect(row?.id).toBe(i + 1)
        }),
        writer.unsafe('select count(*)::int as n from items where id <= $1', [i + 10]).then(([row]) => {
          expect(row?.n).toBe(i + 10)
        }),
        writer.begin(async (tx) => {
          await tx`update items set note = ${`edited ${i}`} where id = ${i + 1}`
          const [row] = await tx`select note from items where id = ${i + 1}`
          expect(row?.note).toBe(`edited ${i}`)
        }),
      )
    }
    await Promise.all(checks)
  })

  it("rolls back a client's open transaction when it disconnects, and serves the others on", async () => {
    const quitter = postgres(pg.url, { max: 1, prepare: false })
    await quitter`begin`
    await quitter`update items set note = 'never committed' where id = 500`
    const waiting = reader`select note from items where id = 500`
    await quitter.end({ timeout: 0 })
    expect((await waiting)[0]?.note).toBe('item 500')
  })
})
