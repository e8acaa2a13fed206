import { createRoute, z } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { loadUsableConnection } from '../../../services/aam/load-connection.ts'
import { presentJob } from '../../../services/jobs/present-job.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const OnboardingBody = z
  .object({ connection_id: z.uuid().openapi({ description: 'The connection to onboard (POST /v1/connections)' }) })
  .openapi('StartOnboarding')

const route = createRoute({
  operationId: 'startOnboarding',
  method: 'post',
  path: '/v1/onboarding',
  tags: ['repairs'],
  summary: 'Onboard a connection: sync, profile, suggest mappings, and in Safe Mode wait for review',
  description:
    'Queues an `onboarding.run` job (progress in steps on `aos.job.progress`): it syncs the connection (discovering and profiling its streams), suggests mappings for every stream, and names the unified views they would feed. In Safe Mode (the default for a new workspace and a new connection) every suggestion waits in GET /v1/review; outside it, suggestions at or above the repair threshold are accepted and the views fill. The job’s result lists what was suggested, accepted and left waiting.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(OnboardingBody) },
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

export const registerStartOnboarding = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const connection = await loadUsableConnection(services, c.get('tenantId'), c.req.valid('json').connection_id)
    const { row } = await submitJob(services, c.get('tenantId'), {
      kind: 'onboarding.run',
      payload: { connection_id: connection.id },
      createdBy: c.get('principal').userId,
    })
    return c.json(presentJob(row), 202)
  })
