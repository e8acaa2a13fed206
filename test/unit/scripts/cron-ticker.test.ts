import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { configuredCrons, startCronTicker } from '../../../scripts/lib/cron-ticker.ts'

// The launcher's ticker against a stand-in for `wrangler dev`'s scheduled route; test/e2e/health-and-schedules
// runs it against the real Worker.
const stops: (() => void)[] = []
afterEach(() => {
  for (const stop of stops.splice(0)) stop()
})

async function fakeWorker(status = 200) {
  const hits: { path: string; at: number }[] = []
  const server = createServer((req, res) => {
    hits.push({ path: req.url as string, at: Date.now() })
    res.writeHead(status).end(status === 200 ? 'ok' : 'exception') // Miniflare's outcomes
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }
}

describe('the local cron ticker', () => {
  it('fires the Cron Triggers wrangler.toml deploys', () => {
    expect(configuredCrons()).toEqual(['* * * * *'])
  })

  it('calls the scheduled route with each cron on every period boundary', async () => {
    const worker = await fakeWorker()
    const ticker = startCronTicker(worker.url, { crons: ['* * * * *', '0 6 * * 1-5'], periodMs: 300 })
    stops.push(ticker.stop)
    await expect.poll(() => worker.hits.length, { timeout: 3000 }).toBeGreaterThanOrEqual(4)
    expect(worker.hits.slice(0, 2).map((h) => h.path)).toEqual([
      '/cdn-cgi/local/scheduled?cron=*%20*%20*%20*%20*',
      '/cdn-cgi/local/scheduled?cron=0%206%20*%20*%201-5',
    ])
    // On the boundary, as a cron fires on the minute (here: on multiples of 300 ms).
    for (const hit of worker.hits.filter((_, i) => i % 2 === 0)) expect(hit.at % 300).toBeLessThan(150)
    ticker.stop()
    const count = worker.hits.length
    await new Promise((r) => setTimeout(r, 500))
    expect(worker.hits.length).toBe(count)
  })

  it('says when the scheduled handler fails, and keeps ticking through an outage', async () => {
    const worker = await fakeWorker(500)
    const lines: string[] = []
    const ticker = startCronTicker(worker.url, { crons: ['* * * * *'], periodMs: 60_000, log: (l) => lines.push(l) })
    stops.push(ticker.stop)
    await ticker.tick()
    expect(lines).toEqual(['cron * * * * *: the scheduled handler answered 500 exception'])
    const down = startCronTicker('http://127.0.0.1:9', { crons: ['* * * * *'], log: (l) => lines.push(l) })
    stops.push(down.stop)
    await down.tick()
    expect(lines[1]).toMatch(/^cron \* \* \* \* \*: fetch failed/)
  })
})
