import type { App } from '../app-env.ts'
import { registerDocs } from './meta/docs.ts'
import { registerDuckdbWasm } from './meta/duckdb-wasm.ts'
import { registerHealth } from './meta/health.ts'
import { registerJwks } from './meta/jwks.ts'

export function registerMetaRoutes(app: App) {
  registerHealth(app)
  registerJwks(app)
  registerDocs(app)
  registerDuckdbWasm(app)
}
