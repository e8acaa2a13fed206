import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../../workers/adapters/db/client.ts'

/**
 * Runs `fn` while Postgres refuses, with `errcode`, any record holding `marker`: a trigger only the
 * calling test's rows meet, standing in for a refusal nothing checks before the write.
 */
export async function whileRecordsRefuse<T>(marker: string, errcode: string, fn: () => Promise<T>): Promise<T> {
  const name = marker.replaceAll('-', '_')
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.data::text like '%${marker}%' then raise exception 'refused' using errcode = '${errcode}'; end if;
        return new;
      end $$`),
  )
  await db.execute(sql.raw(`create trigger ${name} before insert on records for each row execute function ${name}()`))
  try {
    return await fn()
  } finally {
    await db.execute(sql.raw(`drop trigger ${name} on records`))
    await db.execute(sql.raw(`drop function ${name}()`))
    await close()
  }
}
