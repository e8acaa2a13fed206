import { join } from 'node:path'
import { experimental_readRawConfig } from 'wrangler'

// `wrangler dev` never fires Cron Triggers. Its Miniflare runs the Worker's scheduled handler on
// `/cdn-cgi/local/scheduled?cron=…`, ahead of the static assets (`--test-scheduled`'s `/__scheduled`
// is served inside the Worker, so the console's SPA fallback answers it with index.html and nothing
// runs); this ticker calls it on each period boundary (the top of every minute by default), as
// Cloudflare does in production.

/** The Cron Triggers wrangler.toml deploys, so the local ticker fires exactly what production fires. */
export function configuredCrons(config = join(import.meta.dirname, '..', '..', 'wrangler.toml')): string[] {
  return experimental_readRawConfig({ config }).rawConfig.triggers?.crons ?? []
}

export interface CronTicker {
  /** Fires every cron once now; resolves when the Worker has answered. */
  tick(): Promise<void>
  stop(): void
}

export interface CronTickerOptions {
  crons?: string[]
  /** 60 s as production; tests use less. Ticks land on multiples of it, like a cron on the minute. */
  periodMs?: number
  log?: (line: string) => void
}

export function startCronTicker(workerUrl: string, options: CronTickerOptions = {}): CronTicker {
  const crons = options.crons ?? configuredCrons()
  const periodMs = options.periodMs ?? 60_000
  const log = options.log ?? (() => {})
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const tick = async () => {
    for (const cron of crons) {
      try {
        const res = await fetch(`${workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`)
        // Miniflare answers 500 when the handler threw (its log says why).
        if (!res.ok) log(`cron ${cron}: the scheduled handler answered ${res.status} ${await res.text()}`)
        else await res.body?.cancel()
      } catch (error) {
        // The Worker restarting or stopping: the next tick tries again, as a missed cron would.
        log(`cron ${cron}: ${error instanceof Error ? error.message : error}`)
      }
    }
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(
      () => {
        void tick().finally(schedule)
      },
      periodMs - (Date.now() % periodMs),
    )
  }
  schedule()
  return {
    tick,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
