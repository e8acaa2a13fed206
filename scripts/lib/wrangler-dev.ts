import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.ts'

export interface RunningWorker {
  url: string
  child: ChildProcess
  /** Chrome DevTools Protocol port of its workerd (benchmarks read the isolate's heap there). */
  inspectorPort: number
  stop(): Promise<void>
}

const ROOT = join(import.meta.dirname, '..', '..')

export interface WranglerDevOptions {
  port: number
  vars: Record<string, string>
  persistTo?: string
  quiet?: boolean
  /** Another entry module run with wrangler.toml's rules and flags (benchmarks). */
  script?: string
  /** Another wrangler config (benchmarks with their own bindings). */
  config?: string
  readyPath?: string
}

/**
 * The vars as a dotenv file for `--env-file`. Single quotes stop dotenv reading escapes; `\$` stops
 * wrangler's dotenv-expand substituting (it turns `\$` back into `$`).
 */
export function envFileText(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([key, value]) => {
      if (/['\r\n]/.test(value)) throw new Error(`${key}: a value with a single quote or a line break cannot be passed`)
      return `${key}='${value.replaceAll('$', '\\$')}'\n`
    })
    .join('')
}

/** Arguments only: secrets go in the env file, since any local user can read a command line (`ps`). */
export const wranglerDevArgs = (options: WranglerDevOptions, envFile: string, inspectorPort: number) => [
  'dev',
  ...(options.script ? [options.script] : []),
  ...(options.config ? ['--config', options.config] : []),
  '--port',
  String(options.port),
  '--ip',
  '127.0.0.1',
  '--inspector-port',
  String(inspectorPort),
  '--show-interactive-dev-session=false',
  ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
  '--env-file',
  envFile,
]

/**
 * `wrangler dev` in its own process group (so stopping it stops workerd too), offline, with the
 * stack's values passed as vars through an owner-only env file that is deleted when it stops.
 * Resolves once /healthz answers.
 */
export async function startWranglerDev(options: WranglerDevOptions): Promise<RunningWorker> {
  // mkdtemp makes the directory owner-only (0700); the file is 0600 as well.
  const varsDir = mkdtempSync(join(tmpdir(), 'aos-wrangler-'))
  const removeVars = () => rmSync(varsDir, { recursive: true, force: true })
  const envFile = join(varsDir, 'vars.env')
  // Locally anyone can send CF-Connecting-IP, so the login limit must not trust it (wrangler.toml trusts it in production).
  writeFileSync(envFile, envFileText({ TRUST_CLIENT_IP_HEADER: 'false', ...options.vars }), { mode: 0o600 })
  const inspectorPort = await freePort()
  const args = wranglerDevArgs(options, envFile, inspectorPort)
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', options.quiet ? 'ignore' : 'inherit'],
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
    },
  })
  // Whatever ends this process (an error, a finished benchmark), workerd must not outlive it.
  const killGroup = () => {
    removeVars()
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    } catch {}
  }
  process.once('exit', killGroup)
  const stop = async () => {
    process.off('exit', killGroup)
    removeVars()
    if (child.exitCode !== null || child.pid === undefined) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL')
      } catch {}
    }, 5000)
    await exited
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${options.port}`
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`wrangler dev exited with code ${child.exitCode}`)
    }
    try {
      if ((await fetch(`${url}${options.readyPath ?? '/healthz'}`)).ok) return { url, child, inspectorPort, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  await stop()
  throw new Error(`wrangler dev did not answer ${options.readyPath ?? '/healthz'} within 120 s`)
}
