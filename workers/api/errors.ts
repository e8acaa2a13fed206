import { PROBLEMS, type Problem, type ProblemCode, problemType } from '../contract/problem.ts'

import type { FieldErrors } from '../services/problem-error.ts'

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
