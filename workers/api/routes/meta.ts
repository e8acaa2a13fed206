import type { App } from '../app-env.ts'
import { registerDocs } from './meta/docs.ts'
import { registerDuckdbWasm } from './meta/duckdb-wasm.ts'
import { registerGetHealth } from './meta/get-health.ts'
import { registerGetJwks } from './meta/get-jwks.ts'
import { registerGetReadiness } from './meta/get-readiness.ts'

export function registerMetaRoutes(app: App) {
  registerGetHealth(app)
  registerGetReadiness(app)
  registerGetJwks(app)
  registerDocs(app)
  registerDuckdbWasm(app)
}
