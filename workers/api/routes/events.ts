import type { App } from '../app-env.ts'
import { registerCreateStreamToken } from './events/create-stream-token.ts'
import { registerListRecentEvents } from './events/list-recent-events.ts'
import { registerOpenEventSocket } from './events/open-event-socket.ts'
import { registerStreamEvents } from './events/stream-events.ts'

export function registerEventRoutes(app: App) {
  registerCreateStreamToken(app)
  registerStreamEvents(app)
  registerOpenEventSocket(app)
  registerListRecentEvents(app)
}
