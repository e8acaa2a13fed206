// A database on a real PostgreSQL server for a measurement: a fresh, empty one so every run starts from
// empty tables, or the one named, created if missing. The project's migrations need pgvector: a server
// without it gets one line saying how to install it, not a stack trace from the first migration.
import pg from 'pg'

/** A client on the server's maintenance database; exits with a one-line reason when it cannot connect. */
async function connectAdmin(url: URL, purpose: string): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
  try {
    await admin.connect()
  } catch (error) {
    console.error(`${purpose} needs PostgreSQL at ${url.host} (set BENCH_DATABASE_URL): ${error}`)
    process.exit(2)
  }
  return admin
}

async function exitWithoutPgvector(admin: pg.Client, url: URL, purpose: string) {
  const vector = await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)
  if (vector.rowCount === 0) {
    console.error(
      `${purpose} needs the pgvector extension in the PostgreSQL at ${url.host}: run \`sudo bash scripts/ci/install-pgvector.sh\` (or install your distribution's postgresql-<version>-pgvector), then run it again.`,
    )
    process.exit(2)
  }
}

/** Runs `work` on the server's maintenance database, once it is reachable and has pgvector. */
async function onServer(url: URL, purpose: string, work: (admin: pg.Client, name: string) => Promise<unknown>) {
  const admin = await connectAdmin(url, purpose)
  try {
    await exitWithoutPgvector(admin, url, purpose)
    await work(admin, pg.escapeIdentifier(url.pathname.slice(1)))
  } finally {
    await admin.end()
  }
}

/**
 * Creates the database `url` names if the server has none of that name (an existing one is used as it is);
 * exits with a one-line reason when the server is unreachable or lacks pgvector.
 */
export const ensureDatabase = (url: URL, purpose: string) =>
  onServer(url, purpose, async (admin, name) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [url.pathname.slice(1)])
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`)
  })

/** Drops and creates the database `url` names; exits with a one-line reason when that cannot work. */
export async function freshDatabase(url: URL, purpose: string): Promise<string> {
  await onServer(url, purpose, async (admin, name) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name}`)
  })
  return url.toString()
}
