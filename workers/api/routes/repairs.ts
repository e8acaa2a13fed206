import type { App } from '../app-env.ts'
import { registerStartOnboarding } from './onboarding/start-onboarding.ts'
import { registerApproveRepair } from './repairs/approve-repair.ts'
import { registerGetAutomation } from './repairs/get-automation.ts'
import { registerGetRepair } from './repairs/get-repair.ts'
import { registerListRepairs } from './repairs/list-repairs.ts'
import { registerPutAutomation } from './repairs/put-automation.ts'
import { registerPutConnectionSafeMode } from './repairs/put-connection-safe-mode.ts'
import { registerRejectRepair } from './repairs/reject-repair.ts'
import { registerRevertRepair } from './repairs/revert-repair.ts'
import { registerDecideReview } from './review/decide-review.ts'
import { registerListReview } from './review/list-review.ts'

export function registerRepairRoutes(app: App) {
  registerListRepairs(app)
  registerGetRepair(app)
  registerApproveRepair(app)
  registerRejectRepair(app)
  registerRevertRepair(app)
  registerGetAutomation(app)
  registerPutAutomation(app)
  registerPutConnectionSafeMode(app)
  registerListReview(app)
  registerDecideReview(app)
  registerStartOnboarding(app)
}
