import type { App } from '../../app-env.ts'
import { registerRepairDecision } from './repair-decision-route.ts'

export const registerApproveRepair = (app: App) => registerRepairDecision(app, 'approve')
