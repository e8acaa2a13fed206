/**
 * `npm run deploy [-- --dry-run] [-- --allow-destructive]`: provisions every resource wrangler.toml
 * binds (queues, dead-letter queues, R2 buckets; Durable Object migrations go with the deploy), checks
 * the Worker has every secret its config needs, applies database migrations when SUPABASE_DATABASE_URL
 * or DATABASE_URL is set in this shell, builds the console if stale and runs `wrangler deploy`. Every
 * step is idempotent, so a failed run is simply run again. `--dry-run` calls no Cloudflare API and
 * touches no database: it prints the plan and runs `wrangler deploy --dry-run` (offline).
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { experimental_readRawConfig } from 'wrangler'
import { chooseDatabase } from '../workers/env.ts'
import { buildConsole, consoleIsStale } from './console-build.ts'
import {
  alreadyExists,
  type DeployPlan,
  deployPlan,
  missingSecrets,
  PlanError,
  provisionCommands,
  secretNames,
} from './lib/deploy-plan.ts'
import { migrate } from './lib/migrate.ts'

const ROOT = join(import.meta.dirname, '..')
const dryRun = process.argv.includes('--dry-run')
const allowDestructive = process.argv.includes('--allow-destructive')

type Outcome = 'done' | 'created' | 'existed' | 'planned' | 'skipped' | 'failed'
const summary: { step: string; outcome: Outcome; note: string }[] = []
const MARK: Record<Outcome, string> = {
  done: '✓',
  created: '✓',
  existed: '✓',
  planned: '·',
  skipped: '–',
  failed: '✗',
}

function record(step: string, outcome: Outcome, note = '') {
  summary.push({ step, outcome, note })
  console.log(`  ${MARK[outcome]} ${step}${outcome === 'done' ? '' : ` — ${outcome}`}${note ? `: ${note}` : ''}`)
}

function finish(code: number): never {
  const width = Math.max(...summary.map((s) => s.step.length))
  console.log(`\n${dryRun ? 'Dry run' : 'Deploy'} summary`)
  // The notes were printed with each step; the summary repeats only why a step failed.
  for (const s of summary) {
    console.log(
      `  ${MARK[s.outcome]} ${s.step.padEnd(width)}  ${s.outcome}${s.outcome === 'failed' ? `: ${s.note}` : ''}`,
    )
  }
  console.log(
    code === 0
      ? dryRun
        ? '\nNothing was changed.'
        : '\nDeployed.'
      : '\nStopped: fix the step marked ✗ and run again.',
  )
  process.exit(code)
}

/** wrangler from this project (npm puts its Node 22 first on the PATH); AOS_WRANGLER: a stand-in (tests). */
function wrangler(args: string[], inherit = false): SpawnSyncReturns<string> {
  return spawnSync(process.env.AOS_WRANGLER ?? join(ROOT, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
}

const outputOf = (result: SpawnSyncReturns<string>) => `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
const indent = (text: string) => text.replace(/^/gm, '      ')

function readPlan(): DeployPlan {
  console.log('\n[1/6] plan from wrangler.toml')
  try {
    const plan = deployPlan(experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') }).rawConfig)
    const objects = plan.durableObjects.map((d) => `${d.className} (migration ${d.migration})`).join(', ')
    record(
      'plan',
      'done',
      `Worker ${plan.worker}; queues ${plan.queues.join(', ')}; R2 ${plan.buckets.join(', ')}; Durable Objects ${objects}`,
    )
    return plan
  } catch (error) {
    record('plan', 'failed', error instanceof PlanError ? error.message : String(error))
    finish(1)
  }
}

function checkSecrets(plan: DeployPlan) {
  console.log('\n[2/6] secrets the Worker needs (from workers/env.ts)')
  if (dryRun) {
    record('secrets', 'planned', `would check with wrangler secret list: ${missingSecrets(plan.vars, []).join(', ')}`)
    return
  }
  const listed = wrangler(['secret', 'list', '--name', plan.worker, '--format', 'json'])
  // A Worker that does not exist yet has no secrets; `wrangler secret put` creates it.
  const notFound = listed.status !== 0 && /not found|does not exist/i.test(outputOf(listed))
  if (listed.status !== 0 && !notFound) {
    record('secrets', 'failed', `wrangler secret list failed:\n${indent(outputOf(listed))}`)
    finish(1)
  }
  const missing = missingSecrets(plan.vars, notFound ? [] : secretNames(listed.stdout))
  if (missing.length > 0) {
    record('secrets', 'failed', `missing ${missing.join(', ')}; set each with \`npx wrangler secret put NAME\``)
    finish(1)
  }
  record('secrets', 'done', 'every required secret is set')
}

function provision(plan: DeployPlan) {
  console.log('\n[3/6] queues and R2 buckets')
  for (const command of provisionCommands(plan)) {
    if (dryRun) {
      record(command.label, 'planned', `wrangler ${command.args.join(' ')}`)
      continue
    }
    const result = wrangler(command.args)
    if (result.status === 0) record(command.label, 'created')
    else if (alreadyExists(outputOf(result))) record(command.label, 'existed')
    else {
      record(command.label, 'failed', `wrangler ${command.args.join(' ')}:\n${indent(outputOf(result))}`)
      finish(1)
    }
  }
}

async function migrateDatabase() {
  console.log('\n[4/6] database migrations')
  const database = chooseDatabase(process.env)
  if (!database) {
    record('migrations', 'skipped', 'neither SUPABASE_DATABASE_URL nor DATABASE_URL is set in this shell')
    return
  }
  const variable = database.provider === 'supabase' ? 'SUPABASE_DATABASE_URL' : 'DATABASE_URL'
  if (dryRun) {
    record('migrations', 'planned', `would apply pending migrations to ${variable}`)
    return
  }
  try {
    const outcome = await migrate(database.url, { allowDestructive, log: (line) => console.log(`      ${line}`) })
    if (!outcome.ok) {
      const refused = outcome.refused.map((v) => `${v.file}: ${v.reason}`).join('\n')
      record('migrations', 'failed', `refused, nothing applied (--allow-destructive if intended):\n${indent(refused)}`)
      finish(1)
    }
    record('migrations', 'done', `${outcome.applied.length} applied to ${variable}`)
  } catch (error) {
    record('migrations', 'failed', `rolled back: ${error instanceof Error ? error.message : error}`)
    finish(1)
  }
}

function buildConsoleIfStale() {
  console.log('\n[5/6] console')
  if (!consoleIsStale()) {
    record('console build', 'skipped', 'up to date')
    return
  }
  try {
    buildConsole((line) => console.log(`      ${line}`))
    record('console build', 'done')
  } catch (error) {
    record('console build', 'failed', error instanceof Error ? error.message : String(error))
    finish(1)
  }
}

function deploy() {
  console.log(`\n[6/6] wrangler deploy${dryRun ? ' --dry-run' : ''}`)
  if (dryRun) {
    const outdir = mkdtempSync(join(tmpdir(), 'aos-deploy-'))
    try {
      const result = wrangler(['deploy', '--dry-run', '--outdir', outdir])
      if (result.status !== 0) {
        record('wrangler deploy --dry-run', 'failed', `\n${indent(outputOf(result))}`)
        finish(1)
      }
      const size = /Total Upload: ([^\n]+)/.exec(outputOf(result))?.[1]
      record('wrangler deploy --dry-run', 'done', `bundle built${size ? `, ${size}` : ''}`)
    } finally {
      rmSync(outdir, { recursive: true, force: true })
    }
    return
  }
  // Deploying prints its own progress; Durable Object migrations are applied here.
  const result = wrangler(['deploy'], true)
  if (result.status !== 0) {
    record('wrangler deploy', 'failed', `exit code ${result.status}`)
    finish(1)
  }
  record('wrangler deploy', 'done')
}

const plan = readPlan()
checkSecrets(plan)
provision(plan)
await migrateDatabase()
buildConsoleIfStale()
deploy()
finish(0)
