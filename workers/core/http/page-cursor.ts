// Opaque page cursors: the keyset of a page's last item, encoded so clients pass it back untouched.

export const encodePageCursor = (...keys: (string | number)[]) => btoa(keys.join('|'))

/** The keys of a cursor, or null when it is not one of ours with `arity` keys. */
export function decodePageCursor(cursor: string, arity: number): string[] | null {
  try {
    const keys = atob(cursor).split('|')
    return keys.length === arity && keys.every((k) => k !== '') ? keys : null
  } catch {
    return null
  }
}
