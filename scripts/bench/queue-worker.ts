/**
 * Benchmark-only Worker for the raw Queues baseline: `POST /send?n=N` sends N timestamped messages
 * (in batches of 100), the consumer acks them and keeps receipt latencies; `GET /stats` reports.
 * In local mode the consumer runs in the same isolate, so module state is shared.
 */
interface Env {
  BENCH_QUEUE: Queue<{ sent: number }>
}

const latencies: number[] = []
let firstSent = 0
let lastReceived = 0

export default {
  async fetch(request: Request, env: Env) {
    const url = new URL(request.url)
    if (url.pathname === '/send') {
      const n = Number(url.searchParams.get('n') ?? 100)
      latencies.length = 0
      firstSent = Date.now()
      for (let i = 0; i < n; i += 100) {
        const size = Math.min(100, n - i)
        await env.BENCH_QUEUE.sendBatch(Array.from({ length: size }, () => ({ body: { sent: Date.now() } })))
      }
      return Response.json({ sent: n })
    }
    if (url.pathname === '/stats')
      return Response.json({ received: latencies.length, latencies, firstSent, lastReceived })
    return new Response('ok')
  },
  async queue(batch: MessageBatch<{ sent: number }>) {
    const now = Date.now()
    for (const message of batch.messages) {
      latencies.push(now - message.body.sent)
      message.ack()
    }
    lastReceived = now
  },
} satisfies ExportedHandler<Env, { sent: number }>
