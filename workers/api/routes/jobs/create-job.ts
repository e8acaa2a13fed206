import { createRoute, z } from '@hono/zod-openapi'
import { CreateJobBody, Job } from '../../../contract/jobs.ts'
import { JOB_PAYLOADS } from '../../../core/jobs/payloads.ts'
import { createJob } from '../../../services/jobs/create-job.ts'
import { fieldErrorsFrom, ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'createJob',
  method: 'post',
  path: '/v1/jobs',
  tags: ['jobs'],
  summary: 'Enqueue a job',
  description:
    'The payload is validated against the kind’s schema. With an `Idempotency-Key` header, repeating the request returns the same job (200) instead of creating another.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: jsonRequest(CreateJobBody),
  },
  responses: {
    201: jsonBody(Job, 'Enqueued'),
    200: jsonBody(Job, 'Already enqueued under this Idempotency-Key'),
    ...problemResponses,
    ...conflictResponse,
  },
})

export const registerCreateJob = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json')
    const payload = JOB_PAYLOADS[body.kind].safeParse(body.payload)
    if (!payload.success) {
      const errors = fieldErrorsFrom(payload.error).map((e) => ({ ...e, path: `payload.${e.path}` }))
      throw new ProblemError('validation_failed', `The payload does not fit job kind ${body.kind}.`, errors)
    }
    const { job, created } = await createJob(c.get('services'), c.get('tenantId'), {
      kind: body.kind,
      payload: payload.data,
      maxAttempts: body.max_attempts,
      idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null,
      createdBy: c.get('principal').userId,
    })
    return created ? c.json(job, 201) : c.json(job, 200)
  })
