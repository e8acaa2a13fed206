import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { PROBLEMS, type Problem, type ProblemCode, problemType } from '../core/http/problem.ts'

type FieldErrors = NonNullable<Problem['errors']>

/** The one error class handlers throw; `onError` is the only place it becomes a Response. */
export class ApiError extends HTTPException {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(PROBLEMS[code].status as ContentfulStatusCode, { message: detail })
  }
}

export function problemBody(
  code: ProblemCode,
  detail: string,
  extra: { instance?: string; requestId?: string; errors?: FieldErrors } = {},
): Problem {
  return {
    type: problemType(code),
    title: PROBLEMS[code].title,
    status: PROBLEMS[code].status,
    detail,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.requestId ? { request_id: extra.requestId } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  }
}

export const fieldErrorsFrom = (error: z.ZodError): FieldErrors =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
    code: issue.code,
  }))
