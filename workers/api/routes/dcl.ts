import type { App } from '../app-env.ts'
import { registerBackfill } from './dcl/backfill.ts'
import { registerListDclDeadLetters } from './dcl/list-dcl-dead-letters.ts'
import { registerListEntities } from './dcl/list-entities.ts'
import { registerReplayDclDeadLetter } from './dcl/replay-dcl-dead-letter.ts'

export function registerDclRoutes(app: App) {
  registerListEntities(app)
  registerListDclDeadLetters(app)
  registerReplayDclDeadLetter(app)
  registerBackfill(app)
}
