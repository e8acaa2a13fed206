import type { App } from '../../app-env.ts'
import { registerMappingDecision } from './mapping-decision-route.ts'

export const registerAcceptDclMapping = (app: App) => registerMappingDecision(app, 'accept')
