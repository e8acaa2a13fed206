import type { App } from '../../app-env.ts'
import { registerDriftDecision } from './drift-decision-route.ts'

export const registerRejectStreamDrift = (app: App) => registerDriftDecision(app, 'reject')
