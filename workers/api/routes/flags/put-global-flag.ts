import { createRoute } from '@hono/zod-openapi'
import { Flag, FlagParam, PutFlagBody } from '../../../contract/flags.ts'
import { setGlobalFlag } from '../../../services/flags/set-flag.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'putGlobalFlag',
  method: 'put',
  path: '/v1/platform/flags/{name}',
  tags: ['flags'],
  summary: 'Set a flag for every tenant (platform admins only; null clears it)',
  description:
    'The value every tenant without its own override gets; a tenant override (PUT /v1/flags/{name}) wins. Signed-in platform admins only (granted with `npm run create-admin -- --platform-admin`), not API keys: anyone else gets 403. Every tenant’s next flag read sees it. Answers with the flag as a tenant without an override now sees it.',
  security: bearerSecurity,
  request: { params: FlagParam, body: jsonRequest(PutFlagBody) },
  responses: { 200: jsonBody(Flag), ...problemResponses },
})

export const registerPutGlobalFlag = (app: App) =>
  app.openapi(route, async (c) => {
    const principal = c.get('principal')
    if (principal.kind !== 'user')
      throw new ProblemError('forbidden', 'Global flags are set by a platform admin signed in, not with an API key.')
    const flag = await setGlobalFlag(c.get('services'), c.get('tenantId'), principal.userId, {
      name: c.req.valid('param').name,
      value: c.req.valid('json').value,
      actor: requestActor(c),
    })
    return c.json(flag, 200)
  })
