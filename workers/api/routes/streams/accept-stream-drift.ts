import type { App } from '../../app-env.ts'
import { registerDriftDecision } from './drift-decision-route.ts'

export const registerAcceptStreamDrift = (app: App) => registerDriftDecision(app, 'accept')
