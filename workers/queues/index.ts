import { createLogger } from '../adapters/logger.ts'
import type { Env } from '../env.ts'
import type { Services } from '../services/container.ts'
import { buildServices } from '../services/container.ts'
import { deadLetterCanonicalEvents, ingestCanonicalEvents } from './dcl-ingest.ts'
import { deadLetterMessage } from './dead-letter.ts'
import { runJobBatch } from './run-job.ts'

type MessageHandler = (message: Message<unknown>, services: Services) => Promise<void>
type BatchHandler = (messages: readonly Message<unknown>[], services: Services) => Promise<void>

/** A consumer that handles each message on its own, side by side. */
const eachMessage =
  (handle: MessageHandler): BatchHandler =>
  (messages, services) =>
    Promise.all(
      messages.map((message) =>
        handle(message, services).catch((error: unknown) => {
          // An infrastructure failure (database down): let the queue redeliver, and dead-letter in the end.
          services.log('error', 'message handling failed', { error: String(error), id: message.id })
          message.retry({ delaySeconds: 5 })
        }),
      ),
    ).then(() => {})

/** Each queue's consumer: jobs (ids only, a batch at a time), the canonical event feed to the DCL, and their dead letters. */
const HANDLERS: Record<string, BatchHandler> = {
  'sync-jobs': runJobBatch,
  'repair-jobs': runJobBatch,
  'notify-jobs': runJobBatch,
  'background-jobs': runJobBatch,
  'jobs-dlq': eachMessage(deadLetterMessage),
  'canonical-events': eachMessage(ingestCanonicalEvents),
  'canonical-events-dlq': eachMessage(deadLetterCanonicalEvents),
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
    await handle(batch.messages, services)
  } finally {
    ctx.waitUntil(services.close())
  }
}
