// Shared chart styling so every chart reads the same in light and dark mode.
export const COLORS = {
  green: '#10b981',
  blue: '#3b82f6',
  purple: '#8b5cf6',
  amber: '#f59e0b',
  red: '#f43f5e',
  grey: '#94a3b8',
}

export const STATUS_COLOR: Record<string, string> = {
  succeeded: COLORS.green,
  running: COLORS.blue,
  queued: COLORS.purple,
  failed: COLORS.amber,
  dead: COLORS.red,
  cancelled: COLORS.grey,
}

export const axis = { stroke: 'currentColor', tick: { fill: 'currentColor', fontSize: 11 }, tickLine: false }

export const tooltip = {
  contentStyle: { background: 'rgb(15 23 42 / 0.92)', border: 'none', borderRadius: 8, color: '#f8fafc' },
  itemStyle: { color: '#f8fafc' },
  cursor: { fill: 'rgb(148 163 184 / 0.15)' },
}

export const shortDay = (day: string) => day.slice(5)
