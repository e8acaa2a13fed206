import swaggerCss from 'swagger-ui-dist/swagger-ui.css'
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js'
import { pagePolicy } from '../../../core/http/csp.ts'
import type { App } from '../../app-env.ts'
import { openApiDocument } from '../../openapi.ts'

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AOS API docs</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`

// Swagger UI's scripts are files of our own (no inline script); it styles elements inline and draws icons as data: images.
const policy = pagePolicy({ 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] })

const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', persistAuthorization: true })`

/** OpenAPI document and a self-hosted Swagger UI (no CDN, so /docs works offline). */
export function registerDocs(app: App) {
  app.doc31('/openapi.json', openApiDocument)
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token (JWT from /v1/auth/login) or an API key (aos_sk_…)',
  })
  const cached = { 'Cache-Control': 'public, max-age=86400' }
  app.get('/docs', (c) => c.html(page, 200, { 'Content-Security-Policy': policy }))
  app.get('/docs/swagger-ui.css', (c) => c.body(swaggerCss, 200, { 'Content-Type': 'text/css', ...cached }))
  app.get('/docs/swagger-ui-bundle.js', (c) =>
    c.body(swaggerBundle, 200, { 'Content-Type': 'text/javascript', ...cached }),
  )
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'Content-Type': 'text/javascript' }))
}
