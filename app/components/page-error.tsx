import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router'
import { ApiProblem } from '../lib/api.ts'

/** A page's error inside the shell, so navigation stays: what failed and what to do next. */
export function PageError() {
  const error = useRouteError()
  const revalidator = useRevalidator()
  const notFound =
    (error instanceof ApiProblem && error.status === 404) || (isRouteErrorResponse(error) && error.status === 404)
  const detail =
    error instanceof ApiProblem
      ? error.detail || error.title
      : error instanceof Error
        ? error.message
        : 'Try again; if it keeps failing, reload the page.'
  return (
    <div
      role="alert"
      className="mx-auto max-w-xl rounded-2xl border border-rose-200 bg-white p-6 dark:border-rose-900 dark:bg-slate-900"
    >
      <title>{notFound ? 'AOS Not found' : 'AOS Error'}</title>
      <h1 className="font-bold text-xl">{notFound ? 'Not found in this workspace' : 'This page could not load'}</h1>
      <p className="mt-2 text-slate-600 text-sm dark:text-slate-300">{detail}</p>
      <p className="mt-4 flex gap-4 text-sm">
        <Link to="/" className="font-semibold text-blue-600 dark:text-blue-400">
          Dashboard
        </Link>
        {/* Loads the page's data again in place: the sign-in and the rest of the console stay. */}
        <button
          type="button"
          className="font-semibold text-blue-600 disabled:opacity-60 dark:text-blue-400"
          disabled={revalidator.state === 'loading'}
          onClick={() => void revalidator.revalidate()}
        >
          {revalidator.state === 'loading' ? 'Trying again…' : 'Try again'}
        </button>
      </p>
    </div>
  )
}
