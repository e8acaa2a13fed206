import type { ZodType } from 'zod'
import { Problem } from '../contract/problem.ts'

export const jsonBody = <T extends ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

/** `required: true` makes a missing or non-JSON body a validation error instead of an empty object. */
export const jsonRequest = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
})

/** Spread into every route's responses, so each documents the errors it can answer with. */
export const problemResponses = {
  400: problem('Invalid request (see `errors` for each field)'),
  401: problem('Missing, invalid or expired credentials'),
  403: problem('Authenticated but not allowed'),
  404: problem('Not found (also for another tenant’s resources)'),
  429: problem('Rate limited (see Retry-After)'),
  500: problem('Unexpected server error'),
}

export const conflictResponse = { 409: problem('Conflicts with the current state') }

export const unavailableResponse = { 503: problem('A store it depends on is unreachable (see Retry-After)') }

export const bearerSecurity = [{ bearerAuth: [] }]

/**
 * The document's top level, for /openapi.json and scripts/openapi-spec.ts alike. The server URL is
 * relative, so clients resolve it against wherever they fetched the document: one spec (and the types
 * generated from it) fits `npm start` on localhost and every deployed origin. A bearer token is required
 * unless an operation declares `security: []`.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'AutonomOS API',
    version: '1',
    description:
      'Multi-tenant data orchestration. Authenticate with `Authorization: Bearer <access token or API key>`. Errors are RFC 9457 problem+json.',
  },
  servers: [{ url: '/', description: 'The origin that serves this document' }],
  security: bearerSecurity,
}
