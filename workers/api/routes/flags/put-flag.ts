import { createRoute } from '@hono/zod-openapi'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { publishEvent } from '../../../adapters/events.ts'
import { readFlags, writeTenantFlag } from '../../../adapters/flags.ts'
import { cloudEvent } from '../../../core/events/schema.ts'
import { Flag, FlagParam, isFlagName, PutFlagBody } from '../../../core/flags/registry.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'putFlag',
  method: 'put',
  path: '/v1/flags/{name}',
  tags: ['flags'],
  summary: 'Override a flag for this tenant (or clear the override with null)',
  description: 'Broadcasts `aos.flag.changed` to the tenant’s live clients.',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: FlagParam, body: jsonRequest(PutFlagBody) },
  responses: { 200: jsonBody(Flag), ...problemResponses },
})

export const registerPutFlag = (app: App) =>
  app.openapi(route, async (c) => {
    const { name } = c.req.valid('param')
    const { value } = c.req.valid('json')
    if (!isFlagName(name)) throw new ProblemError('not_found', `There is no flag ${name}. GET /v1/flags lists them.`)
    const tenantId = c.get('tenantId')
    const { redis, db, env } = c.get('services')
    await writeTenantFlag(redis, tenantId, name, value)
    const flag = (await readFlags(redis, tenantId)).find((f) => f.name === name)
    if (!flag) throw new ProblemError('internal', 'flag vanished after write')
    await withTenant(db, tenantId, (tx) =>
      recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'flag.changed',
        targetType: 'flag',
        targetId: name,
        metadata: { override: value, effective: flag.value },
        requestId: c.get('requestId'),
      }),
    )
    await publishEvent(env, cloudEvent(tenantId, 'aos.flag.changed', { ...flag }, `flags/${name}`))
    return c.json(flag, 200)
  })
