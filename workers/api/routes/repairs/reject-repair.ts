import type { App } from '../../app-env.ts'
import { registerRepairDecision } from './repair-decision-route.ts'

export const registerRejectRepair = (app: App) => registerRepairDecision(app, 'reject')
