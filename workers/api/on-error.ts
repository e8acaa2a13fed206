import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { createLogger } from '../adapters/logger.ts'
import { SourceError } from '../adapters/sources/source-error.ts'
import type { ProblemCode } from '../contract/problem.ts'
import { LlmError } from '../core/llm/port.ts'
import { ConfigError } from '../env.ts'
import { llmProblem } from '../services/llm/llm-problem.ts'
import { ProblemError } from '../services/problem-error.ts'
import type { AppEnv } from './app-env.ts'
import { problemBody } from './errors.ts'

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
}

const UNSTORABLE_TEXT = {
  code: 'bad_request',
  detail: 'Some text holds characters that cannot be stored (such as U+0000). Remove them and retry.',
} as const

/**
 * Postgres errors a client can cause (by SQLSTATE), answered as such instead of 500. The details are
 * generic on purpose: constraint names and SQL stay out of the answer.
 */
const CLIENT_SQLSTATES: Record<string, { code: ProblemCode; detail: string }> = {
  // unique_violation: usually two requests racing to create the same thing.
  '23505': {
    code: 'conflict',
    detail: 'This conflicts with something that already exists (perhaps created at the same moment). Reload and retry.',
  },
  '22021': UNSTORABLE_TEXT, // character_not_in_repertoire
  '22P05': UNSTORABLE_TEXT, // untranslatable_character
}

/** The answer for a driver error a client caused, also when drizzle wraps it (DrizzleQueryError's `cause`). */
function clientDatabaseProblem(error: unknown) {
  for (let at = error, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) {
    const code = 'code' in at && typeof at.code === 'string' ? at.code : ''
    if (Object.hasOwn(CLIENT_SQLSTATES, code)) return CLIENT_SQLSTATES[code]
  }
  return undefined
}

const problemJson = (c: Context<AppEnv>, body: ReturnType<typeof problemBody>, headers: Record<string, string> = {}) =>
  c.body(JSON.stringify(body), body.status as 400, { ...headers, 'Content-Type': 'application/problem+json' })

type ProblemAnswer = { body: ReturnType<typeof problemBody>; headers?: Record<string, string> }

/** The only place an error becomes a problem: RFC 9457 bodies, never a stack trace (logged instead). */
export function problemFor(error: unknown, c: Context<AppEnv>): ProblemAnswer {
  const meta = { instance: c.req.path, requestId: c.get('requestId') }
  if (error instanceof ProblemError)
    return {
      body: problemBody(error.code, error.detail, {
        ...meta,
        ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
      }),
      ...(error.headers ? { headers: error.headers } : {}),
    }
  if (error instanceof SourceError) return { body: problemBody(error.code, error.message, meta) }
  const llm = error instanceof LlmError ? llmProblem(error) : undefined
  if (llm) return { body: problemBody(llm.code, llm.detail, meta), ...(llm.headers ? { headers: llm.headers } : {}) }
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODE_BY_STATUS[error.status] ?? 'bad_request'
    return { body: problemBody(code, error.message || 'The request could not be processed.', meta) }
  }
  const database = clientDatabaseProblem(error)
  if (database) return { body: problemBody(database.code, database.detail, meta) }
  const log = createLogger({ request_id: meta.requestId, tenant_id: c.get('tenantId') })
  if (error instanceof ConfigError) {
    log('error', 'configuration invalid', { missing: error.missing })
    return {
      body: problemBody('unavailable', 'The server is not configured yet (an operator must set its secrets).', meta),
    }
  }
  const known = error instanceof Error ? error : new Error(String(error))
  log('error', 'unhandled error', { error: known.message, stack: known.stack })
  return {
    body: problemBody(
      'internal',
      'Something went wrong on our side. Retry; if it persists, report the request_id.',
      meta,
    ),
  }
}

export function onError(error: Error, c: Context<AppEnv>) {
  const { body, headers } = problemFor(error, c)
  return problemJson(c, body, headers)
}

export const notFound = (c: Context<AppEnv>) =>
  problemJson(
    c,
    problemBody('not_found', `No route ${c.req.method} ${c.req.path}. The API is described at /docs.`, {
      instance: c.req.path,
      requestId: c.get('requestId'),
    }),
  )
