import { createMiddleware } from 'hono/factory'
import { atLeast, type Role } from '../../core/auth/roles.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../errors.ts'

export const requireRole = (minimum: Role) =>
  createMiddleware<AppEnv>(async function requireRole(c, next) {
    const { role } = c.get('principal')
    if (!atLeast(role, minimum)) {
      throw new ApiError(
        'forbidden',
        `This needs the ${minimum} role or higher; you are ${role}. Ask an owner or admin.`,
      )
    }
    await next()
  })
