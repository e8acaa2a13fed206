import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { AuthCard } from '../components/auth-card.tsx'
import { Button } from '../components/button.tsx'
import { Field, Input } from '../components/form.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { api, fieldErrors } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Choose a new password')

/** The page a reset (or address-confirmation) email links to. */
export default function ResetPassword() {
  const [params] = useSearchParams()
  const [done, setDone] = useState(false)
  const { run, busy, error } = useAction(
    async (form: FormData) => {
      await api('/v1/auth/password-reset/confirm', {
        body: { token: params.get('token') ?? '', password: form.get('password') },
      })
      setDone(true)
    },
    { revalidate: false },
  )
  return (
    <AuthCard title="Choose a new password">
      {done ? (
        <p role="status" className="text-sm">
          Your password is changed and your address confirmed; every other session was signed out.{' '}
          <Link to="/login" className="font-semibold text-blue-600 dark:text-blue-400">
            Sign in
          </Link>
        </p>
      ) : (
        <form onSubmit={onFormSubmit(run)} className="space-y-4">
          <Field
            label="New password"
            error={fieldErrors(error).password}
            hint="A passphrase of several unrelated words is best; common passwords are refused."
          >
            <Input name="password" type="password" autoComplete="new-password" required minLength={8} />
          </Field>
          <ProblemNote error={error} />
          <Button type="submit" busy={busy} className="w-full">
            Set password
          </Button>
        </form>
      )}
    </AuthCard>
  )
}
