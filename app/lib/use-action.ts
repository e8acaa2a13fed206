import { useState } from 'react'
import { useRevalidator } from 'react-router'

/**
 * Runs a user action: tracks busy and error, then (unless told not to) reloads the page's data so it
 * shows the result. A failure is kept in `error` for the page to show, never thrown.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>, options = { revalidate: true }) {
  const { revalidate } = useRevalidator()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true)
    setError(null)
    try {
      const result = await fn(...args)
      if (options.revalidate) await revalidate()
      return result
    } catch (e) {
      setError(e)
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { run, busy, error }
}

/** A form's submit handler that hands its fields to `run` instead of navigating. */
export const onFormSubmit = (run: (form: FormData) => unknown) => (event: React.FormEvent<HTMLFormElement>) => {
  event.preventDefault()
  void run(new FormData(event.currentTarget))
}
