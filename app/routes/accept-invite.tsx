import { Link, useLoaderData, useNavigate, useSearchParams } from 'react-router'
import { AuthCard } from '../components/auth-card.tsx'
import { Button } from '../components/button.tsx'
import { Field, Input } from '../components/form.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { ApiProblem, api, fieldErrors } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import { saveSession } from '../lib/session.ts'
import type { InvitationPreview, TokenResponse } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Accept the invitation')

export async function clientLoader({ request }: { request: Request }) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  try {
    return { preview: await api<InvitationPreview>('/v1/auth/invitation', { body: { token } }), problem: null }
  } catch (error) {
    if (error instanceof ApiProblem) return { preview: null, problem: error }
    throw error
  }
}

export default function AcceptInvite() {
  const { preview, problem } = useLoaderData<typeof clientLoader>()
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const { run, busy, error } = useAction(
    async (form: FormData) => {
      const body = { token: params.get('token') ?? '', password: form.get('password') }
      saveSession(await api<TokenResponse>('/v1/auth/accept-invitation', { body }))
      navigate('/', { replace: true })
    },
    { revalidate: false },
  )
  if (!preview) {
    return (
      <AuthCard title="Invitation">
        <ProblemNote error={problem} />
      </AuthCard>
    )
  }
  return (
    <AuthCard title={`Join ${preview.tenant_name}`}>
      <p className="mb-4 text-slate-600 text-sm dark:text-slate-300">
        {preview.invited_by} invited <strong>{preview.email}</strong> as <strong>{preview.role}</strong>.
      </p>
      <form onSubmit={onFormSubmit(run)} className="space-y-4">
        <Field
          label={preview.account_exists ? 'Your password' : 'Choose a password'}
          error={fieldErrors(error).password}
          hint={
            preview.account_exists
              ? 'This address has an account: sign in to it to accept.'
              : 'A passphrase of several unrelated words is best; common passwords are refused.'
          }
        >
          <Input
            name="password"
            type="password"
            autoComplete={preview.account_exists ? 'current-password' : 'new-password'}
            required
          />
        </Field>
        <ProblemNote error={error} />
        <Button type="submit" busy={busy} className="w-full">
          Accept and sign in
        </Button>
      </form>
      {preview.account_exists && (
        <p className="mt-4 text-center text-sm">
          <Link to="/forgot-password" className="font-semibold text-blue-600 dark:text-blue-400">
            Forgot your password?
          </Link>
        </p>
      )}
    </AuthCard>
  )
}
