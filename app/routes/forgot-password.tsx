import { useState } from 'react'
import { Link } from 'react-router'
import { AuthCard } from '../components/auth-card.tsx'
import { Button } from '../components/button.tsx'
import { Field, Input } from '../components/form.tsx'
import { LinkSentNote } from '../components/link-sent.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { api, fieldErrors } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import type { LinkSent } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Reset your password')

export default function ForgotPassword() {
  const [sent, setSent] = useState<LinkSent | null>(null)
  const { run, busy, error } = useAction(
    async (form: FormData) =>
      setSent(await api<LinkSent>('/v1/auth/password-reset', { body: { email: form.get('email') } })),
    { revalidate: false },
  )
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <LinkSentNote detail={sent.detail} />
      ) : (
        <form onSubmit={onFormSubmit(run)} className="space-y-4">
          <Field label="Email" error={fieldErrors(error).email}>
            <Input name="email" type="email" autoComplete="username" required />
          </Field>
          <ProblemNote error={error} />
          <Button type="submit" busy={busy} className="w-full">
            Email me a link
          </Button>
        </form>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="font-semibold text-blue-600 dark:text-blue-400">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  )
}
