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

export const meta = () => pageTitle('Sign up')

export default function Signup() {
  const [sent, setSent] = useState<LinkSent | null>(null)
  const { run, busy, error } = useAction(
    async (form: FormData) => {
      const body = { tenant_name: form.get('tenant_name'), email: form.get('email'), password: form.get('password') }
      setSent(await api<LinkSent>('/v1/auth/signup', { body }))
    },
    { revalidate: false },
  )
  const errors = fieldErrors(error)

  if (sent) {
    return (
      <AuthCard title="Confirm your email">
        <LinkSentNote detail={sent.detail} />
      </AuthCard>
    )
  }
  return (
    <AuthCard title="Create your workspace">
      <form onSubmit={onFormSubmit(run)} className="space-y-4">
        <Field label="Workspace name" error={errors.tenant_name}>
          <Input name="tenant_name" required maxLength={120} placeholder="Acme Analytics" />
        </Field>
        <Field label="Email" error={errors.email}>
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field
          label="Password"
          error={errors.password}
          hint="A passphrase of several unrelated words is best; common passwords are refused."
        >
          <Input name="password" type="password" autoComplete="new-password" required minLength={8} />
        </Field>
        <ProblemNote error={error} />
        <Button type="submit" busy={busy} className="w-full">
          Create workspace
        </Button>
      </form>
      <p className="mt-4 text-center text-slate-600 text-sm dark:text-slate-400">
        Already have an account?{' '}
        <Link to="/login" className="font-semibold text-blue-600 dark:text-blue-400">
          Sign in
        </Link>
      </p>
    </AuthCard>
  )
}
