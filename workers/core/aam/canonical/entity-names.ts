// Kept free of zod so the console can list the canonical entities without the schema library.
export const CANONICAL_ENTITIES = ['account', 'contact', 'opportunity', 'record'] as const
