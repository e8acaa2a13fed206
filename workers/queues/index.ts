import { createLogger } from '../adapters/logger.ts'
import { buildServices } from '../api/middleware/services.ts'
import type { Env } from '../env.ts'
import { deadLetterMessage } from './dead-letter.ts'
import { runJobMessage } from './run-job.ts'

export const JOB_QUEUES = ['sync-jobs', 'repair-jobs', 'notify-jobs'] as const
export const DEAD_LETTER_QUEUE = 'jobs-dlq'

/** The Worker's `queue` entry: one handler per queue, each message acked or retried on its own. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
  const known = batch.queue === DEAD_LETTER_QUEUE || (JOB_QUEUES as readonly string[]).includes(batch.queue)
  if (!known) {
    createLogger({ queue: batch.queue })('error', 'batch from an unknown queue retried')
    batch.retryAll()
    return
  }
  const handle = batch.queue === DEAD_LETTER_QUEUE ? deadLetterMessage : runJobMessage
  const services = buildServices(env, { queue: batch.queue })
  try {
    await Promise.all(
      batch.messages.map((message) =>
        handle(message, services).catch((error: unknown) => {
          // An infrastructure failure (database down): let the queue redeliver, and dead-letter in the end.
          services.log('error', 'message handling failed', { error: String(error), id: message.id })
          message.retry({ delaySeconds: 5 })
        }),
      ),
    )
  } finally {
    ctx.waitUntil(services.close())
  }
}
