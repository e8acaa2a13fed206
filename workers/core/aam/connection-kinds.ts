// Kept free of zod so the database schema and the console can list the kinds without the schema library.
export const CONNECTION_KINDS = ['file', 'postgres', 'salesforce', 'airbyte', 'mongodb'] as const
export type ConnectionKind = (typeof CONNECTION_KINDS)[number]
