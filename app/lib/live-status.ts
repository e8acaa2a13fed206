// The one registry of data widgets. A widget declares where its data comes from (the API, a vendor's
// local stand-in, or mock data) and the registry derives what its dot says from that and the live
// stream: API data is live only while the stream is connected, so a dot never stays green while updates
// are not arriving, and stand-in or mock data never passes for the real thing.
import { useEffect, useSyncExternalStore } from 'react'
import type { LiveStatus } from './live-events.tsx'

/** Where a widget's data comes from. */
export type DataOrigin = 'api' | 'demo' | 'mock'
/** What its dot shows: live (API data, stream connected), stale (API data, stream down), demo, mock. */
export type WidgetState = 'live' | 'stale' | 'demo' | 'mock'
export type WidgetEntry = { id: string; title: string; origin: DataOrigin }

export const widgetState = (origin: DataOrigin, stream: LiveStatus): WidgetState =>
  origin !== 'api' ? origin : stream === 'open' ? 'live' : 'stale'

/** What a screen reader hears and a pointer's tooltip shows for each state. */
export const stateLabel = (state: WidgetState, stream: LiveStatus): string =>
  ({
    live: 'live data',
    stale: stream === 'connecting' ? 'API data, connecting to live updates' : 'API data, live updates reconnecting',
    demo: 'demo data from a vendor stand-in, not a real source',
    mock: 'mock data, not from your workspace',
  })[state]

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * A connection reads a vendor's local stand-in when an http(s) URL in its config points at this machine:
 * no real SaaS vendor (Salesforce, asset discovery…) answers on loopback. Database URLs are not http and a
 * local database holds real data, so they do not count.
 */
export function fromStandIn(config: Record<string, unknown>): boolean {
  return Object.values(config).some((value) => {
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false
    try {
      return LOOPBACK.has(new URL(value).hostname)
    } catch {
      return false
    }
  })
}

const widgets = new Map<string, WidgetEntry>()
const listeners = new Set<() => void>()
let snapshot: WidgetEntry[] = []

function changed() {
  snapshot = [...widgets.values()]
  for (const fn of listeners) fn()
}

function registerWidget(entry: WidgetEntry) {
  widgets.set(entry.id, entry)
  changed()
  return () => {
    if (widgets.get(entry.id) === entry) {
      widgets.delete(entry.id)
      changed()
    }
  }
}

/** Registers the widget while it is on screen. */
export function useWidgetRegistration(id: string, title: string, origin: DataOrigin) {
  useEffect(() => registerWidget({ id, title, origin }), [id, title, origin])
}

export function useWidgetRegistry(): WidgetEntry[] {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn)
      return () => void listeners.delete(fn)
    },
    () => snapshot,
    () => snapshot,
  )
}
