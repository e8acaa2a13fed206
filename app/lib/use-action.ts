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

/**
 * A form's submit handler that hands its fields to `run` instead of navigating. With `clear`, the form
 * empties once `run` returns a value (an action's `run` returns undefined when it failed, so a failed
 * submission keeps what was typed).
 */
export const onFormSubmit =
  (run: (form: FormData) => unknown, { clear = false } = {}) =>
  async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const result = await run(new FormData(form))
    if (clear && result !== undefined) form.reset()
  }
