import { createMiddleware } from 'hono/factory'
import type { Role } from '../../contract/vocabulary/roles.ts'
import { atLeast } from '../../core/auth/roles.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { AppEnv } from '../app-env.ts'

export const requireRole = (minimum: Role) =>
  createMiddleware<AppEnv>(async function requireRole(c, next) {
    const { role } = c.get('principal')
    if (!atLeast(role, minimum)) {
      throw new ProblemError(
        'forbidden',
        `This needs the ${minimum} role or higher; you are ${role}. Ask an owner or admin.`,
      )
    }
    await next()
  })
