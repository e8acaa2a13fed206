/**
 * `npm run db:migrate [-- --allow-destructive]`: applies pending migrations to the platform database
 * (SUPABASE_DATABASE_URL if set, else DATABASE_URL, as the Worker chooses), refusing statements that can
 * lose data unless explicitly allowed.
 */
import { chooseDatabase } from '../workers/env.ts'
import { migrate } from './lib/migrate.ts'

const databaseUrl = chooseDatabase(process.env)?.url
if (!databaseUrl) {
  console.error(
    'DATABASE_URL (or SUPABASE_DATABASE_URL) is not set. Point it at Postgres, or use `npm start`, which migrates the embedded database.',
  )
  process.exit(2)
}
const allowDestructive = process.argv.includes('--allow-destructive')
try {
  const outcome = await migrate(databaseUrl, { allowDestructive, log: (line) => console.log(line) })
  if (!outcome.ok) {
    console.error('Refused: these statements can lose data. Nothing was applied.\n')
    for (const v of outcome.refused) console.error(`  ${v.file}\n    ${v.reason}:\n    ${v.statement}\n`)
    console.error('Re-run with `npm run db:migrate -- --allow-destructive` if the data loss is intended.')
    process.exit(1)
  }
  console.log(outcome.applied.length ? `applied ${outcome.applied.length} migration(s)` : 'database is up to date')
} catch (error) {
  console.error(`Migration failed and was rolled back: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
