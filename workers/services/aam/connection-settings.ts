// The checks a connection's settings and secret pass before they are stored: valid for the kind, every
// URL the Worker will call public, the secret present and, for a database URL, dialable. Each kind's
// rules come from its connector (core/aam/connectors/).
import type { ConnectionRow } from '../../adapters/db/aam-repo.ts'
import { connectorOf, mergeConfig } from '../../core/aam/connectors/registry.ts'
import { checkOutboundUrl } from '../../core/http/outbound-url.ts'
import type { Config } from '../../env.ts'
import { fieldErrorsFrom, ProblemError } from '../problem-error.ts'

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
export function requireCallableUrls(kind: string, config: Readonly<Record<string, unknown>>, allowLoopback: boolean) {
  for (const key of Object.keys(connectorOf(kind).urlFields))
    if (typeof config[key] === 'string') requireCallableUrl(`config.${key}`, config[key] as string, allowLoopback)
}

const missing = (path: string, what: string) =>
  new ProblemError('validation_failed', `A ${what} is required for this kind of connection.`, [
    { path, message: 'is required', code: 'required' },
  ])

/**
 * The secret to seal for a kind, from the request field its connector names (null for a kind without
 * one), or what is missing or refused. Text is sealed as given, anything else as JSON.
 */
export function secretFor(kind: string, input: Readonly<Record<string, unknown>>, allowLoopback: boolean) {
  const secret = connectorOf(kind).secret
  if (!secret) return null
  const value = input[secret.field]
  if (!value) throw missing(secret.field, secret.what)
  if (typeof value !== 'string') return JSON.stringify(value)
  const refused = secret.refuse?.(value, allowLoopback)
  if (refused) throw invalidUrl(secret.field, refused, secret.refusalHint)
  return value
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
  requireCallableUrls(current.kind, merged.data, config.ALLOW_LOOPBACK_URLS)
  return merged.data
}
