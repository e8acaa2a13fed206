import type { App } from '../app-env.ts'
import { registerChangeRole } from './users/change-role.ts'
import { registerDeactivateUser } from './users/deactivate-user.ts'
import { registerListUsers } from './users/list-users.ts'

export function registerUserRoutes(app: App) {
  registerListUsers(app)
  registerChangeRole(app)
  registerDeactivateUser(app)
}
