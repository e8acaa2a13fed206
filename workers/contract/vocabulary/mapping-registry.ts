// Zod-free and import-free: the mapping registry's fixed words, shared by core, the API and the console.

/** How a source value is re-shaped on its way to the canonical field. */
export const MAPPING_TRANSFORMS = [
  'none',
  'trim',
  'lowercase',
  'uppercase',
  'cents_to_amount',
  'ratio_to_percent',
  'epoch_seconds_to_timestamp',
  'epoch_millis_to_timestamp',
  'timestamp_to_date',
] as const

/** accepted drives the DCL; proposed waits for a person; rejected is remembered so it is not suggested again. */
export const MAPPING_STATUSES = ['accepted', 'proposed', 'rejected', 'deprecated'] as const

/** Where a mapping version came from. */
export const MAPPING_PROVENANCES = ['manual', 'import', 'heuristic', 'llm', 'repair', 'revert'] as const
