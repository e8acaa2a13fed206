import type { App } from '../app-env.ts'
import { registerBackfill } from './dcl/backfill.ts'
import { registerDeadLetters } from './dcl/dead-letters.ts'
import { registerListEntities } from './dcl/list-entities.ts'

export function registerDclRoutes(app: App) {
  registerListEntities(app)
  registerDeadLetters(app)
  registerBackfill(app)
}
