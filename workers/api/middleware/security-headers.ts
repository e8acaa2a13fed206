import { secureHeaders } from 'hono/secure-headers'

/**
 * On every answer of the Worker, errors included: no MIME sniffing, never framed, and a policy under
 * which an API answer opened in a browser can run and load nothing. A page the Worker serves (/docs)
 * sets its own policy, which this keeps (`overwrite: false`).
 */
export const securityHeaders = () =>
  secureHeaders({
    xFrameOptions: 'DENY',
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    overwrite: false,
  })
