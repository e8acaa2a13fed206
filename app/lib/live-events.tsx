// One live connection per signed-in tab: the tenant's SSE stream. EventSource cannot send headers, so
// each (re)connect mints a 60-second stream token and resumes after the last event seen, so nothing
// is missed across a network drop. Pages subscribe by event type and refetch their data.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { EVENT_TYPES } from '../../workers/contract/vocabulary/events.ts'
import { api } from './api.ts'
import type { CloudEvent, RecentEvents, StreamToken } from './types.ts'

export type LiveStatus = 'connecting' | 'open' | 'reconnecting'
type Listener = { patterns: string[]; fn: (event: CloudEvent) => void }
type LiveEvents = { status: LiveStatus; recent: CloudEvent[]; subscribe: (l: Listener) => () => void }

const Context = createContext<LiveEvents | null>(null)
const RECENT = 50
const GAP = { type: 'aos.stream.gap', data: {} } as unknown as CloudEvent

const matches = (type: string, patterns: string[]) =>
  patterns.some((p) => (p.endsWith('.*') ? type.startsWith(p.slice(0, -1)) : p === type))

/** Mount once per tenant (key it by tenant id): the stream belongs to the signed-in tenant. */
export function LiveEventsProvider({ children }: { children: React.ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const [recent, setRecent] = useState<CloudEvent[]>([])
  const listeners = useRef(new Set<Listener>())

  useEffect(() => {
    let source: EventSource | null = null
    let lastId = 0
    let stopped = false
    let retryTimer: ReturnType<typeof setTimeout> | undefined
    let failures = 0

    const deliver = (event: CloudEvent) => {
      setRecent((list) => [event, ...list].slice(0, RECENT))
      for (const l of listeners.current) if (matches(event.type, l.patterns)) l.fn(event)
    }

    const connect = async () => {
      if (stopped) return
      try {
        const { stream_token } = await api<StreamToken>('/v1/events/stream-token', { method: 'POST' })
        if (stopped) return
        source = new EventSource(`/v1/events/stream?stream_token=${stream_token}&last_event_id=${lastId}`)
        source.onopen = () => {
          failures = 0
          setStatus('open')
        }
        // The hub names each SSE event by its type, so each type needs its own listener.
        for (const type of EVENT_TYPES) {
          source.addEventListener(type, (message) => {
            lastId = Number(message.lastEventId) || lastId
            deliver(JSON.parse(message.data) as CloudEvent)
          })
        }
        // We fell further behind than the hub keeps: every page reloads its data instead.
        source.addEventListener('aos.stream.gap', () => {
          for (const l of listeners.current) l.fn(GAP)
        })
        source.onerror = () => reconnect()
      } catch {
        reconnect()
      }
    }
    const reconnect = () => {
      source?.close()
      source = null
      if (stopped) return
      setStatus('reconnecting')
      clearTimeout(retryTimer)
      retryTimer = setTimeout(connect, Math.min(30_000, 500 * 2 ** failures++))
    }
    const online = () => {
      failures = 0
      reconnect()
    }
    // The browser knows the network is gone before the stream's socket times out: say so at once.
    const offline = () => reconnect()

    api<RecentEvents>('/v1/events?limit=20')
      .then((r) => {
        lastId = r.last_event_id
        setRecent(r.data)
      })
      .catch(() => {})
      .finally(connect)
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    return () => {
      stopped = true
      clearTimeout(retryTimer)
      source?.close()
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
    }
  }, [])

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener)
    return () => void listeners.current.delete(listener)
  }, [])
  const value = useMemo<LiveEvents>(() => ({ status, recent, subscribe }), [status, recent, subscribe])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export function useLiveEvents(): LiveEvents {
  const value = useContext(Context)
  if (!value) throw new Error('useLiveEvents needs <LiveEventsProvider>')
  return value
}

/** The stream's state, for widgets that may also render outside the signed-in shell (then: connecting). */
export function useStreamStatus(): LiveStatus {
  return useContext(Context)?.status ?? 'connecting'
}

/** Calls `fn` for each live event whose type matches one of `patterns` (`aos.job.*` matches a family). */
export function useOnEvent(patterns: string[], fn: (event: CloudEvent) => void) {
  const { subscribe } = useLiveEvents()
  const latest = useRef(fn)
  latest.current = fn
  const key = patterns.join(',')
  useEffect(() => subscribe({ patterns: key.split(','), fn: (e) => latest.current(e) }), [key, subscribe])
}

/** Reloads the page's data (its clientLoader) when matching events arrive, at most every 300 ms. */
export function useRevalidateOn(patterns: string[]) {
  const { revalidate } = useRevalidator()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useOnEvent(patterns, () => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = undefined
      void revalidate()
    }, 300)
  })
  useEffect(() => () => clearTimeout(timer.current), [])
}
