import type { findAodSettings } from '../../adapters/db/aod-repo.ts'

/** Where asset discovery answers; the token never leaves the server. */
export const presentAodSettings = (row: Awaited<ReturnType<typeof findAodSettings>>) => ({
  configured: row !== null,
  base_url: row?.baseUrl ?? null,
  updated_at: row?.updatedAt.toISOString() ?? null,
})
