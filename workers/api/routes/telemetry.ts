import type { App } from '../app-env.ts'
import { registerGetLlmTelemetry } from './telemetry/get-llm-telemetry.ts'

export function registerTelemetryRoutes(app: App) {
  registerGetLlmTelemetry(app)
}
