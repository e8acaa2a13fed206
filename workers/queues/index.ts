import { createLogger } from '../adapters/logger.ts'
import type { Env } from '../env.ts'
import type { Services } from '../services/container.ts'
import { buildServices } from '../services/container.ts'
import { deadLetterCanonicalEvents, ingestCanonicalEvents } from './dcl-ingest.ts'
import { deadLetterMessage } from './dead-letter.ts'
import { runJobMessage } from './run-job.ts'

type MessageHandler = (message: Message<unknown>, services: Services) => Promise<void>

/** Each queue's consumer: jobs (ids only), the canonical event feed to the DCL, and their dead letters. */
const HANDLERS: Record<string, MessageHandler> = {
  'sync-jobs': runJobMessage,
  'repair-jobs': runJobMessage,
  'notify-jobs': runJobMessage,
  'background-jobs': runJobMessage,
  'jobs-dlq': deadLetterMessage,
  'canonical-events': ingestCanonicalEvents,
  'canonical-events-dlq': deadLetterCanonicalEvents,
}

/** The Worker's `queue` entry: one handler per queue, each message acked or retried on its own. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
  const handle = HANDLERS[batch.queue]
  if (!handle) {
    createLogger({ queue: batch.queue })('error', 'batch from an unknown queue retried')
    batch.retryAll()
    return
  }
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
