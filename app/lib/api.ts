// The API client: bearer auth, one shared refresh when the access token has expired, and every
// failure as an ApiProblem carrying the RFC 9457 body, so pages can show the API's own advice.
// Bodies are typed by the API's OpenAPI document (./types.ts).
import { clearSession, getSession, saveSession } from './session.ts'
import type { Problem, RefreshRequest, TokenResponse } from './types.ts'

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: NonNullable<Problem['errors']> = [],
  ) {
    super(detail || title)
  }
  /** The stable code from the problem type URI, e.g. `validation_failed`. */
  get code() {
    return this.type.split('/').pop()?.replaceAll('-', '_') ?? 'unknown'
  }
}

/** The problem type of a request that got no answer at all (offline, DNS, the server down). */
export const NETWORK_PROBLEM = 'network-unreachable'
const NETWORK_DETAIL =
  'The console could not reach the AutonomOS API. Check your network connection, then try again; if other sites load, the API may be restarting, so wait a moment.'

type Options = { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal }

async function problemFrom(res: Response): Promise<ApiProblem> {
  const text = await res.text()
  try {
    const p = JSON.parse(text) as Partial<Problem>
    return new ApiProblem(res.status, p.type ?? 'about:blank', p.title ?? res.statusText, p.detail ?? '', p.errors)
  } catch {
    return new ApiProblem(
      res.status,
      'about:blank',
      res.statusText,
      text.slice(0, 300) || 'The server gave no details.',
    )
  }
}

let refreshing: Promise<boolean> | null = null

/** Trades the refresh token for a new session; concurrent callers share one attempt. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = getSession()
    if (!session) return false
    const res = await fetch('/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: session.refreshToken } satisfies RefreshRequest),
    })
    if (!res.ok) {
      clearSession()
      return false
    }
    saveSession((await res.json()) as TokenResponse)
    return true
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

export async function apiResponse(path: string, options: Options = {}, retried = false): Promise<Response> {
  let session = getSession()
  if (session && session.expiresAt - Date.now() < 10_000 && !retried) {
    await refresh()
    session = getSession()
  }
  const isForm = options.body instanceof Blob || options.body instanceof FormData
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (session) headers.authorization = `Bearer ${session.accessToken}`
  if (options.body !== undefined && !isForm && !headers['content-type']) headers['content-type'] = 'application/json'
  const res = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : isForm ? (options.body as BodyInit) : JSON.stringify(options.body),
    signal: options.signal,
  }).catch((error: unknown) => {
    // fetch rejects with a bare "Failed to fetch" when the request never got an answer: say what to do.
    if (options.signal?.aborted) throw error
    throw new ApiProblem(0, NETWORK_PROBLEM, 'The API could not be reached', NETWORK_DETAIL)
  })
  if (res.status === 401 && session && !retried && (await refresh())) return apiResponse(path, options, true)
  if (!res.ok) throw await problemFrom(res)
  return res
}

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const res = await apiResponse(path, options)
  return (res.status === 204 ? undefined : await res.json()) as T
}

/** For forms: the API's field errors keyed by field path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {}
  return Object.fromEntries(error.errors.map((e) => [e.path, e.message]))
}

export const problemText = (error: unknown) =>
  error instanceof ApiProblem ? error.detail || error.title : error instanceof Error ? error.message : String(error)
