// The pages we serve (the console, /docs) load only from our own origin, run no plugins and may not be
// framed by anyone (clickjacking); each page adds the sources it really needs.
const BASE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

/** A Content-Security-Policy header value: the shared base with the page's own directives on top. */
export const pagePolicy = (directives: Record<string, string[]>) =>
  Object.entries({ ...BASE, ...directives })
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ')
