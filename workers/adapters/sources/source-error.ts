import { PublicError } from '../../core/http/public-error.ts'

/**
 * A source that could not be used: unreachable, refusing the credentials, or with credentials we can no
 * longer decrypt. The message is for the user (what to check) and never carries a secret; the API
 * answers it as a problem, a sync job fails its attempt with it and retries. The driver's own error, if
 * any, is the `cause`, for operators only.
 */
export class SourceError extends PublicError {
  constructor(
    message: string,
    readonly code: 'source_unreachable' | 'conflict' = 'source_unreachable',
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** An error's own words, minus anything that could carry a password. */
export const sourceReason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').slice(0, 300)
