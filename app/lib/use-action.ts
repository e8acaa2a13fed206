import { useState } from 'react'
import { useRevalidator } from 'react-router'

/** Runs a user action: tracks busy and error, then reloads the page's data so it shows the result. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const { revalidate } = useRevalidator()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true)
    setError(null)
    try {
      const result = await fn(...args)
      await revalidate()
      return result
    } catch (e) {
      setError(e)
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { run, busy, error, clearError: () => setError(null) }
}
