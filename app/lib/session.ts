// The signed-in session, kept in localStorage so a reload or a new tab stays signed in. The access
// token lives 15 minutes; the API client trades the refresh token for a new one when it expires.
import type { TokenResponse } from './types.ts'

export type Session = { accessToken: string; refreshToken: string; tenantId: string; expiresAt: number }

const KEY = 'aos.session'
const listeners = new Set<() => void>()

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as Session) : null
  } catch {
    return null
  }
}

export function saveSession(tokens: TokenResponse) {
  const session: Session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    tenantId: tokens.tenant_id,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  }
  localStorage.setItem(KEY, JSON.stringify(session))
  for (const fn of listeners) fn()
}

export function clearSession() {
  localStorage.removeItem(KEY)
  for (const fn of listeners) fn()
}

export function onSessionChange(fn: () => void) {
  listeners.add(fn)
  return () => void listeners.delete(fn)
}
