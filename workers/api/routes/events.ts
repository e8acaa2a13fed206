import type { App } from '../app-env.ts'
import { registerRecentEvents } from './events/recent-events.ts'
import { registerEventStreams } from './events/stream.ts'
import { registerStreamToken } from './events/stream-token.ts'

export function registerEventRoutes(app: App) {
  registerStreamToken(app)
  registerEventStreams(app)
  registerRecentEvents(app)
}
