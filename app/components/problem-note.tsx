import { ApiProblem, problemText } from '../lib/api.ts'

/** An API error as the user should read it: what happened and, from the API's detail, what to do. */
export function ProblemNote({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-900 text-sm dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100"
    >
      <p className="font-semibold">{error instanceof ApiProblem ? error.title : 'Something went wrong'}</p>
      <p>{problemText(error)}</p>
      {error instanceof ApiProblem && error.errors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {error.errors.map((e) => (
            <li key={e.path}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
