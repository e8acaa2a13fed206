import type { App } from '../app-env.ts'
import { registerCreateApiKey } from './api-keys/create-api-key.ts'
import { registerListApiKeys } from './api-keys/list-api-keys.ts'
import { registerRevokeApiKey } from './api-keys/revoke-api-key.ts'

export function registerApiKeyRoutes(app: App) {
  registerCreateApiKey(app)
  registerListApiKeys(app)
  registerRevokeApiKey(app)
}
