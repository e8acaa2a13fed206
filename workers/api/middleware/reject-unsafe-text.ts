import { createMiddleware } from 'hono/factory'
import { hasUnsafeText, type JsonPath, scrubUnsafeText, unsafeTextPaths } from '../../core/http/unsafe-text.ts'
import { ProblemError } from '../../services/problem-error.ts'
import type { AppEnv } from '../app-env.ts'

const MESSAGE = 'contains U+0000 or an unpaired UTF-16 surrogate; remove those characters'
// The media types Hono's JSON validator reads, so every body a route validates as JSON is checked here first.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

function rejectIfAny(paths: string[]) {
  if (paths.length === 0) return
  throw new ProblemError(
    'validation_failed',
    'Some text cannot be stored: fix the fields listed in `errors` and retry.',
    [...new Set(paths)].map((path) => ({ path, message: MESSAGE, code: 'invalid_characters' })),
  )
}

// Paths read like fieldErrorsFrom's (`config.tags.0`, `(body)` for the whole body); a bad key is shown scrubbed.
const formatPath = (path: JsonPath) => path.map((p) => scrubUnsafeText(String(p))).join('.') || '(body)'

/** The path (already percent-decoded by Hono) and the query string, before any handler sees them. */
export const rejectUnsafeTextInUrl = () =>
  createMiddleware<AppEnv>(async function rejectUnsafeTextInUrl(c, next) {
    const query = Object.fromEntries(
      Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
    )
    rejectIfAny([...(hasUnsafeText(c.req.path) ? ['(path)'] : []), ...unsafeTextPaths(query).map(formatPath)])
    await next()
  })

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return null
  }
}

/**
 * JSON bodies, for every route including the public ones (signup, login). Hono caches the body text,
 * so the route's validator reads it again; a body that is not valid JSON is left to that validator,
 * which answers as it always has.
 */
export const rejectUnsafeTextInJson = () =>
  createMiddleware<AppEnv>(async function rejectUnsafeTextInJson(c, next) {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? ''
    if (JSON_MEDIA_TYPE.test(mediaType)) {
      const parsed = parseJson(await c.req.text())
      if (parsed) rejectIfAny(unsafeTextPaths(parsed.value).map(formatPath))
    }
    await next()
  })
