import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  interface ProvidedContext {
    workerBindings: Record<string, string>
    harnessUrl: string
    /** The MongoDB stand-in (dev/vendors/mongodb.ts). */
    mongoUrl: string
    stackDescription: string
  }
}

/** A fresh database on the machine's PostgreSQL, so runs never see each other's rows. */
async function freshDatabase(serverUrl: string): Promise<string> {
  const name = 'aos_test'
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Starts the stack (scripts/lib/stack-process.ts) for one integration project and hands its bindings to workerd. */
export async function startTestStack(project: TestProject, services: { databaseUrl?: string; redisUrl?: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (services.databaseUrl) env.STACK_DATABASE_URL = await freshDatabase(services.databaseUrl)
  if (services.redisUrl) env.STACK_REDIS_URL = services.redisUrl
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/stack-process.ts'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    once(child, 'exit').then(([code]) => {
      throw new Error(`test stack exited with code ${code} before it was ready`)
    }),
  ])
  const ready = JSON.parse(first) as {
    bindings: Record<string, string>
    harnessUrl: string
    mongoUrl: string
    description: string
  }
  project.provide('workerBindings', {
    ...ready.bindings,
    ACCESS_TOKEN_TTL_SECONDS: '900',
    LOGIN_RATE_LIMIT: '5',
    // The tests play Cloudflare's edge: each file sends its own CF-Connecting-IP (test/support/api.ts).
    TRUST_CLIENT_IP_HEADER: 'true',
    ALLOW_LOOPBACK_URLS: 'true',
    JOB_RETRY_BASE_SECONDS: '1',
    // Small enough that a test's view outgrows a rebuild within the request (it becomes a job).
    DCL_REBUILD_IN_REQUEST_MAX: '20',
  })
  project.provide('harnessUrl', ready.harnessUrl)
  project.provide('mongoUrl', ready.mongoUrl)
  project.provide('stackDescription', ready.description)
  return async () => {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}
