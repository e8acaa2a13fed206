// Salesforce's REST API with OAuth 2.0: a token from the client-credentials (or refresh-token) flow,
// requests against the org's instance URL, and one new token when a session expires mid-sync.
import type { SalesforceConfig, SalesforceCredentials } from '../../../core/aam/connectors/salesforce/connector.ts'
import { checkOutboundUrl } from '../../../core/http/outbound-url.ts'
import { SourceError, sourceReason } from '../source-error.ts'

type Session = { token: string; instanceUrl: string }
type SalesforceErrorBody = { error?: string; error_description?: string } | { errorCode?: string; message?: string }[]

/** Salesforce's own error text: `[{errorCode, message}]` from the API, `{error, error_description}` from OAuth. */
async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as SalesforceErrorBody | null
  if (Array.isArray(body) && body[0]) return `${body[0].errorCode}: ${body[0].message}`.slice(0, 300)
  if (body && !Array.isArray(body) && body.error) return `${body.error}: ${body.error_description ?? ''}`.slice(0, 300)
  return `HTTP ${res.status}`
}

export function salesforceClient(
  config: SalesforceConfig,
  credentials: SalesforceCredentials,
  allowLoopback: boolean,
  fetcher: typeof fetch = fetch,
) {
  let session: Session | null = null

  async function send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetcher(url, { ...init, redirect: 'manual' })
    } catch (error) {
      throw new SourceError(`Salesforce did not answer ${what} (${sourceReason(error)}). Check the login URL.`)
    }
  }

  async function authenticate(): Promise<Session> {
    const grant: Record<string, string> = credentials.refresh_token
      ? { grant_type: 'refresh_token', refresh_token: credentials.refresh_token }
      : { grant_type: 'client_credentials' }
    const body = new URLSearchParams({
      ...grant,
      client_id: credentials.client_id,
      client_secret: credentials.client_secret,
    })
    const login = config.login_url.replace(/\/+$/, '')
    const res = await send(`${login}/services/oauth2/token`, { method: 'POST', body }, 'the token request')
    if (!res.ok) {
      const flow = credentials.refresh_token ? 'the refresh token and the consumer key' : 'the consumer key and secret'
      throw new SourceError(
        `Salesforce refused the credentials (${await errorText(res)}). Check ${flow} of the connected app.`,
      )
    }
    const token = (await res.json()) as { access_token?: string; instance_url?: string }
    // The instance URL comes from the network: it is held to the same rule as a URL a tenant types.
    const instance = checkOutboundUrl(token.instance_url ?? '', allowLoopback)
    if (!token.access_token || !instance.ok)
      throw new SourceError('Salesforce answered the token request without a usable access token and instance URL.')
    session = { token: token.access_token, instanceUrl: instance.url.toString().replace(/\/+$/, '') }
    return session
  }

  /** GET an API path (or a `nextRecordsUrl`), authenticating first and once more if the session expired. */
  async function get<T>(path: string): Promise<T> {
    const attempt = async (s: Session) =>
      send(
        `${s.instanceUrl}${path}`,
        { headers: { authorization: `Bearer ${s.token}`, accept: 'application/json' } },
        path,
      )
    let res = await attempt(session ?? (await authenticate()))
    if (res.status === 401) res = await attempt(await authenticate())
    if (!res.ok) throw new SourceError(`Salesforce answered ${path.split('?')[0]} with ${await errorText(res)}.`)
    return (await res.json()) as T
  }

  const api = (rest: string) => `/services/data/${config.api_version}${rest}`
  return { authenticate, get, api, instanceUrl: () => session?.instanceUrl }
}

export type SalesforceClient = ReturnType<typeof salesforceClient>
