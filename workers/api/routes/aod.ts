import type { App } from '../app-env.ts'
import { registerDeleteAodSettings } from './aod/delete-aod-settings.ts'
import { registerGetAodSettings } from './aod/get-aod-settings.ts'
import { registerImportAodAssets } from './aod/import-aod-assets.ts'
import { registerListAodAssets } from './aod/list-aod-assets.ts'
import { registerPutAodSettings } from './aod/put-aod-settings.ts'

export function registerAodRoutes(app: App) {
  registerGetAodSettings(app)
  registerPutAodSettings(app)
  registerDeleteAodSettings(app)
  registerListAodAssets(app)
  registerImportAodAssets(app)
}
