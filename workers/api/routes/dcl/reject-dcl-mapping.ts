import type { App } from '../../app-env.ts'
import { registerMappingDecision } from './mapping-decision-route.ts'

export const registerRejectDclMapping = (app: App) => registerMappingDecision(app, 'reject')
