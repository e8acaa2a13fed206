import { useEffect, useState } from 'react'
import { api } from './api.ts'
import type { Page } from './types.ts'
import { useAction } from './use-action.ts'

/**
 * The loader's first page of a cursor-paged list, and a `more` that appends the next one, so nothing is
 * out of reach however long the list. A fresh first page (the loader ran again) starts over.
 */
export function usePages<T>(first: Page<T>, path: string) {
  const [pages, setPages] = useState(first)
  useEffect(() => setPages(first), [first])
  const load = useAction(
    async () => {
      if (!pages.next_cursor) return
      const sep = path.includes('?') ? '&' : '?'
      const next = await api<Page<T>>(`${path}${sep}cursor=${encodeURIComponent(pages.next_cursor)}`)
      setPages((p) => ({ data: [...p.data, ...next.data], next_cursor: next.next_cursor }))
    },
    { revalidate: false },
  )
  return { items: pages.data, hasMore: pages.next_cursor !== null, more: load.run, busy: load.busy, error: load.error }
}
