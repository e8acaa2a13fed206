export const ago = (iso: string | null) => {
  if (!iso) return 'never'
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000)
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`
  return new Date(iso).toLocaleDateString()
}

export const POLICY_LABEL = {
  ignore: 'Ignore: record drift, keep syncing',
  propagate: 'Propagate non-breaking changes; hold breaking ones for review',
  propagate_all: 'Propagate all changes',
  freeze: 'Freeze schema (quarantine drifted records)',
  pause: 'Pause the stream on any drift until resumed',
} as const

/** A config or payload value as a person reads it: text unquoted, lists comma-separated, objects as indented JSON. */
export const readableValue = (value: unknown): string => {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ')
  if (typeof value === 'object') return JSON.stringify(value, null, 2)
  return String(value)
}
