// Zod-free and import-free: core's schemas and the console both list the canonical entities from here.
export const CANONICAL_ENTITIES = ['account', 'contact', 'opportunity', 'record'] as const
