import { useEffect, useRef } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { AuthCard } from '../components/auth-card.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { api } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import { saveSession } from '../lib/session.ts'
import type { TokenResponse } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Confirm your email')

/** The page a signup email links to: opening it proves the address and creates the workspace. */
export default function VerifyEmail() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const { run, error } = useAction(
    async (token: string) => {
      saveSession(await api<TokenResponse>('/v1/auth/verify-email', { body: { token } }))
      navigate('/', { replace: true })
    },
    { revalidate: false },
  )
  // A link works once: React's development double effects must not spend it twice.
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void run(params.get('token') ?? '')
  }, [params, run])

  return (
    <AuthCard title="Confirming your email">
      {error ? (
        <>
          <ProblemNote error={error} />
          <p className="mt-4 text-center text-sm">
            <Link to="/signup" className="font-semibold text-blue-600 dark:text-blue-400">
              Sign up again
            </Link>
          </p>
        </>
      ) : (
        <p className="text-slate-600 text-sm dark:text-slate-300">Creating your workspace…</p>
      )}
    </AuthCard>
  )
}
