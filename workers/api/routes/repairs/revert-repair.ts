import type { App } from '../../app-env.ts'
import { registerRepairDecision } from './repair-decision-route.ts'

export const registerRevertRepair = (app: App) => registerRepairDecision(app, 'revert')
