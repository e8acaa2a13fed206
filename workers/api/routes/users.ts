import type { App } from '../app-env.ts'
import { registerChangeUserRole } from './users/change-user-role.ts'
import { registerDeactivateUser } from './users/deactivate-user.ts'
import { registerListUsers } from './users/list-users.ts'

export function registerUserRoutes(app: App) {
  registerListUsers(app)
  registerChangeUserRole(app)
  registerDeactivateUser(app)
}
