// The input of a unified view: the newest version of one source record of a canonical entity, as the
// DCL keeps it (`dcl_entities`).

export type ViewMember = {
  readonly source: string
  readonly externalId: string
  /** When the source changed it (the canonical event's time, ISO 8601): "newest value" compares this. */
  readonly eventTime: string
  readonly data: Readonly<Record<string, unknown>>
}

/**
 * One text per member: source and external id joined by the ASCII unit separator, which no source URI
 * holds (and which, unlike NUL, Postgres text can store: the key is stored per unified row).
 */
export const MEMBER_KEY_SEPARATOR = '\u001f'
export const memberKey = (m: Pick<ViewMember, 'source' | 'externalId'>) =>
  `${m.source}${MEMBER_KEY_SEPARATOR}${m.externalId}`

/** A value as the resolver reads it: text, or nothing. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}
