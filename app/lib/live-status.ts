// The one registry of data widgets: each says whether it shows real backend data or mock/demo data, so
// the console never passes a placeholder off as the real thing (a green dot is live, a grey one mock).
import { useEffect, useSyncExternalStore } from 'react'

export type DataSource = 'live' | 'mock'
export type WidgetEntry = { id: string; title: string; source: DataSource }

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
export function useWidgetRegistration(id: string, title: string, source: DataSource) {
  useEffect(() => registerWidget({ id, title, source }), [id, title, source])
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
