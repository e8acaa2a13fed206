// Zod-free and import-free: the repair engine's fixed words, shared by core, the API and the console.

/**
 * What a repair does: repoint a renamed field's mappings (`remap`), keep a re-typed field flowing
 * through the canonical coercion (`cast`), re-shape a re-typed field's values (`transform`), or retire
 * the mappings of a removed field (`deprecate`).
 */
export const REPAIR_KINDS = ['remap', 'cast', 'transform', 'deprecate'] as const
export type RepairKind = (typeof REPAIR_KINDS)[number]

/** proposed waits (below the threshold, or Safe Mode); applied wrote its mapping versions; rejected is remembered. */
export const REPAIR_STATUSES = ['proposed', 'applied', 'rejected', 'reverted'] as const
export type RepairStatus = (typeof REPAIR_STATUSES)[number]
