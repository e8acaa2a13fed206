// Zod-free and import-free: core's schemas and the console both list the canonical entities from here.
export const CANONICAL_ENTITIES = ['account', 'contact', 'opportunity', 'record'] as const

/** The entities a stream's records can be mapped to as events of their own (`record` is every record's generic form). */
export const EVENT_ENTITIES = [
  'account',
  'contact',
  'opportunity',
] as const satisfies readonly (typeof CANONICAL_ENTITIES)[number][]
