import type { App } from '../app-env.ts'
import { registerBackfillDcl } from './dcl/backfill-dcl.ts'
import { registerListDclDeadLetters } from './dcl/list-dcl-dead-letters.ts'
import { registerListDclEntities } from './dcl/list-dcl-entities.ts'
import { registerReplayDclDeadLetter } from './dcl/replay-dcl-dead-letter.ts'

export function registerDclRoutes(app: App) {
  registerListDclEntities(app)
  registerListDclDeadLetters(app)
  registerReplayDclDeadLetter(app)
  registerBackfillDcl(app)
}
