import { Link, useNavigate, useSearchParams } from 'react-router'
import { AuthCard } from '../components/auth-card.tsx'
import { Button } from '../components/button.tsx'
import { Field, Input } from '../components/form.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { api, fieldErrors } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import { saveSession } from '../lib/session.ts'
import type { TokenResponse } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Sign in')

/** Only same-site paths, so a crafted ?next= cannot send a user elsewhere after signing in. */
export const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/')

export default function Login() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const { run, busy, error } = useAction(
    async (form: FormData) => {
      const body = { email: form.get('email'), password: form.get('password') }
      saveSession(await api<TokenResponse>('/v1/auth/login', { body }))
      navigate(safeNext(params.get('next')), { replace: true })
    },
    { revalidate: false },
  )
  const errors = fieldErrors(error)

  return (
    <AuthCard title="Sign in to AutonomOS">
      <form onSubmit={onFormSubmit(run)} className="space-y-4">
        <Field label="Email" error={errors.email}>
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" error={errors.password}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <ProblemNote error={error} />
        <Button type="submit" busy={busy} className="w-full">
          Sign in
        </Button>
      </form>
      <p className="mt-3 text-center text-sm">
        <Link to="/forgot-password" className="font-semibold text-blue-600 dark:text-blue-400">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-4 text-center text-slate-600 text-sm dark:text-slate-400">
        New here?{' '}
        <Link to="/signup" className="font-semibold text-blue-600 dark:text-blue-400">
          Create a workspace
        </Link>
      </p>
    </AuthCard>
  )
}
