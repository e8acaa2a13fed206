import type { App } from '../app-env.ts'
import { registerAodSettings } from './aod/aod-settings.ts'
import { registerAodAssets } from './aod/assets.ts'

export function registerAodRoutes(app: App) {
  registerAodSettings(app)
  registerAodAssets(app)
}
