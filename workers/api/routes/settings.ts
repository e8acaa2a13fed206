import type { App } from '../app-env.ts'
import { registerDeleteSlackSettings } from './settings/delete-slack-settings.ts'
import { registerGetSlackSettings } from './settings/get-slack-settings.ts'
import { registerPutSlackSettings } from './settings/put-slack-settings.ts'
import { registerTestSlackSettings } from './settings/test-slack-settings.ts'

export function registerSettingsRoutes(app: App) {
  registerGetSlackSettings(app)
  registerPutSlackSettings(app)
  registerDeleteSlackSettings(app)
  registerTestSlackSettings(app)
}
