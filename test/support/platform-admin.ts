import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../../workers/adapters/db/client.ts'

/** Grants platform admin the way `npm run create-admin -- --platform-admin` does: as the database owner, outside the Worker. */
export async function makePlatformAdmin(userId: string) {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    await db.execute(sql`insert into platform_admins (user_id) values (${userId}) on conflict do nothing`)
  } finally {
    await close()
  }
}
