import { z } from '@hono/zod-openapi'

/** The closed set of error kinds the API answers with; each has one status and one `type` URI. */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'Request validation failed' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  invalid_token: { status: 401, title: 'Invalid or expired token' },
  token_reused: { status: 401, title: 'Refresh token reuse detected' },
  forbidden: { status: 403, title: 'Forbidden' },
  email_unverified: { status: 403, title: 'Email address not confirmed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  already_decided: { status: 409, title: 'Already decided' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unreadable_document: { status: 422, title: 'Document cannot be read' },
  rate_limited: { status: 429, title: 'Too many requests' },
  llm_budget_exceeded: { status: 429, title: 'LLM budget exceeded' },
  job_quota_exceeded: { status: 429, title: 'Job quota exceeded' },
  internal: { status: 500, title: 'Internal server error' },
  source_unreachable: { status: 502, title: 'Source unreachable' },
  unavailable: { status: 503, title: 'Service unavailable' },
  llm_unavailable: { status: 503, title: 'Language model unavailable' },
} as const

export type ProblemCode = keyof typeof PROBLEMS

export const problemType = (code: ProblemCode) => `https://autonomos.dev/problems/${code.replaceAll('_', '-')}`

export const FieldError = z.object({
  path: z.string().openapi({ example: 'email' }),
  message: z.string(),
  code: z.string(),
})

export const Problem = z
  .object({
    type: z.string().openapi({ example: problemType('validation_failed') }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .openapi('Problem')
export type Problem = z.infer<typeof Problem>
