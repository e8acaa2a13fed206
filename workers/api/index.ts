import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { except } from 'hono/combine'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { parseConfig } from '../env.ts'
import { fieldErrorsFrom, ProblemError } from '../services/problem-error.ts'
import type { AppEnv } from './app-env.ts'
import { accessLog } from './middleware/access-log.ts'
import { authenticate } from './middleware/authenticate.ts'
import { noStore } from './middleware/no-store.ts'
import { rejectUnsafeTextInJson, rejectUnsafeTextInUrl } from './middleware/reject-unsafe-text.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { services } from './middleware/services.ts'
import { notFound, onError } from './on-error.ts'
import { registerAodRoutes } from './routes/aod.ts'
import { registerApiKeyRoutes } from './routes/api-keys.ts'
import { PUBLIC_AUTH_PATHS, registerAuthRoutes } from './routes/auth.ts'
import { registerConnectionRoutes, UPLOAD_PATH } from './routes/connections.ts'
import { registerGetDashboard } from './routes/dashboard/get-dashboard.ts'
import { registerDclRoutes } from './routes/dcl.ts'
import { registerEventRoutes } from './routes/events.ts'
import { registerFlagRoutes } from './routes/flags.ts'
import { registerInvitationRoutes } from './routes/invitations.ts'
import { registerJobRoutes } from './routes/jobs.ts'
import { isKbFileUpload, registerKbRoutes } from './routes/kb.ts'
import { registerMetaRoutes } from './routes/meta.ts'
import { registerNlpRoutes } from './routes/nlp.ts'
import { registerRepairRoutes } from './routes/repairs.ts'
import { registerSettingsRoutes } from './routes/settings.ts'
import { registerTelemetryRoutes } from './routes/telemetry.ts'
import { registerUserRoutes } from './routes/users.ts'

/** Answers that carry a token or an API key. */
const SECRET_BEARING_PATHS = ['/v1/auth/*', '/v1/api-keys/*', '/v1/events/stream-token']

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ProblemError(
          'validation_failed',
          'Some fields are invalid; fix those listed in `errors` and retry.',
          fieldErrorsFrom(result.error),
        )
      }
    },
  })
  app.onError(onError)
  app.notFound(notFound)

  // First, so its headers land on every answer, errors and 404s included.
  app.use(securityHeaders())
  for (const path of SECRET_BEARING_PATHS) app.use(path, noStore())
  app.use(requestId())
  app.use(accessLog())
  app.use(
    cors({
      origin: (origin, c) => (parseConfig(c.env).CORS_ORIGINS.split(',').includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      credentials: true,
      maxAge: 600,
    }),
  )
  app.use(services())
  // File uploads carry their own, larger limits (routes/connections/upload-connection-file.ts, a PDF in
  // routes/kb/upload-kb-document.ts).
  app.use(
    '/v1/*',
    except(
      [UPLOAD_PATH, isKbFileUpload],
      bodyLimit({
        maxSize: 1024 * 1024,
        onError: () => {
          throw new ProblemError('payload_too_large', 'Request bodies are limited to 1 MiB. Send less per request.')
        },
      }),
    ),
  )
  // Before authentication, so the public routes (signup, login) are covered; uploads are raw bytes for ingest.
  app.use('/v1/*', rejectUnsafeTextInUrl())
  app.use('/v1/*', except(UPLOAD_PATH, rejectUnsafeTextInJson()))
  app.use('/v1/*', except(PUBLIC_AUTH_PATHS, authenticate()))

  registerMetaRoutes(app)
  registerAuthRoutes(app)
  registerUserRoutes(app)
  registerInvitationRoutes(app)
  registerApiKeyRoutes(app)
  registerJobRoutes(app)
  registerEventRoutes(app)
  registerFlagRoutes(app)
  registerSettingsRoutes(app)
  registerConnectionRoutes(app)
  registerGetDashboard(app)
  registerDclRoutes(app)
  registerRepairRoutes(app)
  registerAodRoutes(app)
  registerTelemetryRoutes(app)
  registerKbRoutes(app)
  registerNlpRoutes(app)
  return app
}
