import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere; asked once). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/**
 * CPU time (user + system, ms) used so far by the workerd processes of a `wrangler dev` (its process
 * group), from Linux's /proc, split into wrangler's dev proxy (the workerd whose entry socket is the URL
 * clients call, `apiPort`; production has no such hop) and the one running the Worker and its Durable
 * Objects. Null where there is no /proc. Differences of two readings say what a bench stage cost.
 */
export function workerdCpuMs(processGroup: number, apiPort: number): { worker: number; dev_proxy: number } | null {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {
    return null
  }
  const cpu = { worker: 0, dev_proxy: 0 }
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
    if (Number(fields[2]) !== processGroup) continue
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
    if (command.includes(`entry=127.0.0.1:${apiPort}`)) cpu.dev_proxy += ms
    else cpu.worker += ms
  }
  return cpu
}
