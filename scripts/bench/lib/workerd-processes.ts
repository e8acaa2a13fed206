// What the workerd processes of one `wrangler dev` (its process group) use, from Linux's /proc: other workerd
// processes on the machine (other benches, test runs) must not count. Null or 0 where there is no /proc.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** A configuration value of the system (`getconf NAME`), asked once, or `fallback`. */
const sysconf = (name: string, fallback: number) => {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback
  } catch {
    return fallback
  }
}
/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere). */
const ticksPerSecond = sysconf('CLK_TCK', 100)
const pageKib = sysconf('PAGESIZE', 4096) / 1024

interface WorkerdProcess {
  /** /proc/<pid>/stat's fields after the command name (state is [0], the process group [2]). */
  fields: string[]
  /** The command line, its arguments separated by NUL. */
  command: string
}

/** The workerd processes of the process group; null where there is no /proc. */
function workerdProcesses(processGroup: number): WorkerdProcess[] | null {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {
    return null
  }
  const found: WorkerdProcess[] = []
  for (const pid of pids) {
    let stat: string
    let command: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    // The command name is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = stat.lastIndexOf(')')
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'workerd') continue
    const fields = stat.slice(close + 2).split(' ')
    if (Number(fields[2]) === processGroup) found.push({ fields, command })
  }
  return found
}

/**
 * CPU time (user + system, ms) used so far by the workerd processes of a `wrangler dev`, split into
 * wrangler's dev proxy (the workerd whose entry socket is the URL clients call, `apiPort`; production has no
 * such hop) and the one running the Worker and its Durable Objects. Differences of two readings say what a
 * bench stage cost.
 */
export function workerdCpuMs(processGroup: number, apiPort: number): { worker: number; dev_proxy: number } | null {
  const processes = workerdProcesses(processGroup)
  if (!processes) return null
  const cpu = { worker: 0, dev_proxy: 0 }
  for (const { fields, command } of processes) {
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
    if (command.includes(`entry=127.0.0.1:${apiPort}`)) cpu.dev_proxy += ms
    else cpu.worker += ms
  }
  return cpu
}

/** Resident memory (KiB) of the workerd processes of a `wrangler dev`. */
export function workerdRssKib(processGroup: number): number {
  return (workerdProcesses(processGroup) ?? []).reduce((sum, { fields }) => sum + Number(fields[21]) * pageKib, 0)
}
