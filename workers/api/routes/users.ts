import type { App } from '../app-env.ts'
import { registerChangeRole } from './users/change-role.ts'
import { registerCreateUser } from './users/create-user.ts'
import { registerDeactivateUser } from './users/deactivate-user.ts'
import { registerListUsers } from './users/list-users.ts'

export function registerUserRoutes(app: App) {
  registerCreateUser(app)
  registerListUsers(app)
  registerChangeRole(app)
  registerDeactivateUser(app)
}
