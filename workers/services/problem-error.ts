import type { z } from 'zod'
import { PROBLEMS, type Problem, type ProblemCode } from '../contract/problem.ts'

export type FieldErrors = NonNullable<Problem['errors']>

/**
 * What a service or a route throws when the client should hear why: a problem type, the words for it
 * (what went wrong and what to do) and, for bad input, the fields. The API's error handler is the only
 * place it becomes a problem+json response.
 */
export class ProblemError extends Error {
  readonly status: number
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(detail)
    this.status = PROBLEMS[code].status
  }
}

/** A zod failure as field errors (`config.tables.0`; `(body)` for the whole value). */
export const fieldErrorsFrom = (error: z.ZodError): FieldErrors =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
    code: issue.code,
  }))
