// An opaque keyset cursor over (created_at desc, id desc): a page continues after its last row, so
// rows added meanwhile never shift the next page.
export const encodeCursor = (createdAt: Date, id: string) => btoa(`${createdAt.toISOString()}|${id}`)

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [iso, id] = atob(cursor).split('|')
    const createdAt = new Date(iso ?? '')
    if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return null
    return { createdAt, id }
  } catch {
    return null
  }
}
