import type { App } from '../app-env.ts'
import { registerOpenEventSocket } from './events/open-event-socket.ts'
import { registerRecentEvents } from './events/recent-events.ts'
import { registerStreamEvents } from './events/stream-events.ts'
import { registerStreamToken } from './events/stream-token.ts'

export function registerEventRoutes(app: App) {
  registerStreamToken(app)
  registerStreamEvents(app)
  registerOpenEventSocket(app)
  registerRecentEvents(app)
}
