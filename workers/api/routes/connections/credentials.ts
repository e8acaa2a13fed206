import type { ConnectionRow } from '../../../adapters/db/aam-repo.ts'
import { mergeConfig, type SalesforceCredentials } from '../../../core/aam/connections.ts'
import { checkDatabaseUrl } from '../../../core/aam/database-url.ts'
import { checkOutboundUrl } from '../../../core/http/outbound-url.ts'
import type { Config } from '../../../env.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import { fieldErrorsFrom } from '../../errors.ts'

const invalidUrl = (path: string, reason: string, hint?: string) =>
  new ProblemError('validation_failed', `${path} ${reason}.${hint ? ` ${hint}` : ''}`, [
    { path, message: reason, code: 'invalid_url' },
  ])

/** A URL from a connection's settings that the Worker will call must pass the outbound rule. */
export function requireCallableUrl(path: string, raw: string, allowLoopback: boolean) {
  const checked = checkOutboundUrl(raw, allowLoopback)
  if (!checked.ok) throw invalidUrl(path, checked.reason)
}

/** Every URL in a connection's settings that the Worker will call. */
export function requireCallableUrls(config: Readonly<Record<string, unknown>>, allowLoopback: boolean) {
  for (const key of ['login_url', 'base_url'])
    if (typeof config[key] === 'string') requireCallableUrl(`config.${key}`, config[key] as string, allowLoopback)
}

type SecretInput = {
  kind: string
  url?: string | undefined
  credentials?: SalesforceCredentials | undefined
  token?: string | undefined
}

const missing = (path: string, what: string) =>
  new ProblemError('validation_failed', `A ${what} is required for this kind of connection.`, [
    { path, message: 'is required', code: 'required' },
  ])

/** The secret to seal for a kind (null for a FileSource, which has none), or what is missing or refused. */
export function secretFor(input: SecretInput, allowLoopback: boolean): string | null {
  switch (input.kind) {
    case 'postgres':
    case 'mongodb': {
      if (!input.url) throw missing('url', 'database URL')
      const checked = checkDatabaseUrl(input.kind, input.url, allowLoopback)
      if (!checked.ok)
        throw invalidUrl('url', checked.reason, 'Give the address the database is reachable at from the internet.')
      return input.url
    }
    case 'salesforce':
      if (!input.credentials) throw missing('credentials', 'consumer key and secret')
      return JSON.stringify(input.credentials)
    case 'airbyte':
      if (!input.token) throw missing('token', 'token')
      return input.token
    default:
      return null
  }
}

/** A connection's settings with `changes` merged in, valid for its kind, with every URL callable. */
export function validConfig(config: Config, current: ConnectionRow, changes: Record<string, unknown>) {
  const merged = mergeConfig(current.kind, current.config, changes)
  if (!merged.success)
    throw new ProblemError(
      'validation_failed',
      `These settings do not fit a ${current.kind} connection; fix those listed in \`errors\` and retry.`,
      fieldErrorsFrom(merged.error).map((e) => ({ ...e, path: `config.${e.path}` })),
    )
  requireCallableUrls(merged.data, config.ALLOW_LOOPBACK_URLS)
  return merged.data
}
