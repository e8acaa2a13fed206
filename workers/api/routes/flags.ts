import type { App } from '../app-env.ts'
import { registerListFlags } from './flags/list-flags.ts'
import { registerPutFlag } from './flags/put-flag.ts'
import { registerPutGlobalFlag } from './flags/put-global-flag.ts'

export function registerFlagRoutes(app: App) {
  registerListFlags(app)
  registerPutFlag(app)
  registerPutGlobalFlag(app)
}
