import { KeyRound, Send, UserPlus } from 'lucide-react'
import { useState } from 'react'
import { useLoaderData, useOutletContext } from 'react-router'
import { ROLES } from '../../workers/contract/vocabulary/roles.ts'
import { AodSettingsForm, type AodSettingsState } from '../components/aod-settings.tsx'
import { AutomationSettings } from '../components/automation-settings.tsx'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { CopyButton } from '../components/copy-button.tsx'
import { Field, Input, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Widget } from '../components/widget.tsx'
import { ApiProblem, api, fieldErrors } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { ApiKey, Automation, CreatedApiKey, Flag, Invitation, List, Me, Member, Role } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Settings')

type Slack = { configured: boolean; webhook_hint: string | null; updated_at: string | null }

/** Sections a role may not manage come back 403: show them as such instead of failing the page. */
const unlessForbidden = <T,>(request: Promise<T>) =>
  request.catch((e) => {
    if (e instanceof ApiProblem && e.status === 403) return null
    throw e
  })

export async function clientLoader() {
  const [users, invitations, keys, flags, slack, aod, automation] = await Promise.all([
    unlessForbidden(api<List<Member>>('/v1/users')),
    unlessForbidden(api<List<Invitation>>('/v1/invitations')),
    unlessForbidden(api<List<ApiKey>>('/v1/api-keys')),
    api<List<Flag>>('/v1/flags'),
    unlessForbidden(api<Slack>('/v1/settings/slack')),
    unlessForbidden(api<AodSettingsState>('/v1/settings/aod')),
    api<Automation>('/v1/settings/automation'),
  ])
  return {
    users: users?.data ?? null,
    invitations: invitations?.data ?? [],
    keys: keys?.data ?? null,
    flags: flags.data,
    slack,
    aod,
    automation,
  }
}

const AdminOnly = () => <p className="text-slate-500 text-sm">Only admins and owners can manage this.</p>

function RoleSelect(props: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Select {...props}>
      {ROLES.map((r) => (
        <option key={r}>{r}</option>
      ))}
    </Select>
  )
}

function Users({ users, invitations, me }: { users: Member[]; invitations: Invitation[]; me: Me }) {
  const [sent, setSent] = useState<Invitation | null>(null)
  const add = useAction((email: string, role: Role) => api<Invitation>('/v1/invitations', { body: { email, role } }))
  const withdraw = useAction((id: string) => api(`/v1/invitations/${id}`, { method: 'DELETE' }))
  const change = useAction((id: string, role: Role) => api(`/v1/users/${id}`, { method: 'PATCH', body: { role } }))
  const deactivate = useAction((id: string) => api(`/v1/users/${id}/deactivate`, { method: 'POST' }))
  const errors = fieldErrors(add.error)
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="py-2 pr-3">
                  {u.email} {u.id === me.user.id && <Badge tone="blue">you</Badge>}
                </td>
                <td className="py-2 pr-3">
                  <RoleSelect
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={u.id === me.user.id || u.status !== 'active'}
                    onChange={(e) => void change.run(u.id, e.target.value as Role)}
                  />
                </td>
                <td className="py-2 text-right">
                  {u.status === 'active' ? (
                    u.id !== me.user.id && (
                      <Button variant="ghost" onClick={() => void deactivate.run(u.id)}>
                        Deactivate
                      </Button>
                    )
                  ) : (
                    <Badge tone="grey">deactivated</Badge>
                  )}
                </td>
              </tr>
            ))}
            {invitations.map((i) => (
              <tr key={i.id}>
                <td className="py-2 pr-3">
                  {i.email}{' '}
                  <Badge tone={i.status === 'pending' ? 'amber' : 'grey'}>
                    {i.status === 'pending' ? 'invited' : 'invitation expired'}
                  </Badge>
                </td>
                <td className="py-2 pr-3 text-slate-600 dark:text-slate-300">{i.role}</td>
                <td className="py-2 text-right">
                  <Button variant="ghost" onClick={() => void withdraw.run(i.id)}>
                    Withdraw
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault()
          const form = e.currentTarget
          const f = new FormData(form)
          const invitation = (await add.run(String(f.get('email')), f.get('role') as Role)) ?? null
          setSent(invitation)
          if (invitation) form.reset()
        }}
      >
        <div className="min-w-48 flex-1">
          <Field label="Invite by email" error={errors.email}>
            <Input name="email" type="email" required />
          </Field>
        </div>
        <RoleSelect name="role" defaultValue="member" aria-label="Role" className="w-32" />
        <Button type="submit" busy={add.busy}>
          <UserPlus className="size-4" aria-hidden /> Invite
        </Button>
      </form>
      {sent && (
        <p className="mt-2 text-slate-600 text-sm dark:text-slate-300" role="status">
          Invitation emailed to {sent.email}. They become a member when they open the link and accept; it works once
          until {new Date(sent.expires_at).toLocaleDateString()}.
        </p>
      )}
      <ProblemNote error={add.error ?? withdraw.error ?? change.error ?? deactivate.error} />
    </>
  )
}

function ApiKeys({ keys }: { keys: ApiKey[] }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null)
  const create = useAction((name: string, role: Role) => api<CreatedApiKey>('/v1/api-keys', { body: { name, role } }))
  const revoke = useAction((id: string) => api(`/v1/api-keys/${id}`, { method: 'DELETE' }))
  return (
    <>
      {keys.length === 0 ? (
        <p className="text-slate-500 text-sm">No API keys. Create one for scripts and CI.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {keys.map((k) => (
            <li key={k.id} className="flex items-center gap-3 py-2">
              <span className="flex-1">
                <span className="font-semibold">{k.name}</span>{' '}
                <code className="text-slate-500 text-xs">{k.prefix}…</code> <Badge>{k.role}</Badge>
                <span className="block text-slate-500 text-xs">last used {ago(k.last_used_at)}</span>
              </span>
              <Button variant="ghost" onClick={() => void revoke.run(k.id)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault()
          const form = e.currentTarget
          const f = new FormData(form)
          const key = (await create.run(String(f.get('name')), f.get('role') as Role)) ?? null
          setCreated(key)
          if (key) form.reset()
        }}
      >
        <div className="min-w-40 flex-1">
          <Field label="New key name">
            <Input name="name" required maxLength={100} placeholder="nightly sync" />
          </Field>
        </div>
        <RoleSelect name="role" defaultValue="member" aria-label="Key role" className="w-32" />
        <Button type="submit" busy={create.busy}>
          <KeyRound className="size-4" aria-hidden /> Create
        </Button>
      </form>
      {created && (
        <div className="mt-2 space-y-2 rounded bg-amber-50 p-2 text-sm dark:bg-amber-950" data-testid="created-key">
          <p>
            Key “{created.name}” created. Copy it now: it is shown only this once.{' '}
            <code className="break-all font-bold">{created.key}</code>
          </p>
          <CopyButton value={created.key} label="Copy key" />
        </div>
      )}
      <ProblemNote error={create.error ?? revoke.error} />
    </>
  )
}

function Flags({ flags }: { flags: Flag[] }) {
  const put = useAction((name: string, value: boolean | null) =>
    api(`/v1/flags/${name}`, { method: 'PUT', body: { value } }),
  )
  return (
    <>
      <ul className="space-y-3">
        {flags.map((f) => (
          <li key={f.name} className="flex items-start gap-3">
            <label className="relative mt-1 inline-flex cursor-pointer items-center">
              <input
                type="checkbox"
                className="peer sr-only"
                checked={f.value}
                data-testid={`flag-${f.name}`}
                onChange={(e) => void put.run(f.name, e.target.checked)}
              />
              <span className="h-5 w-9 rounded-full bg-slate-300 transition peer-checked:bg-emerald-500 dark:bg-slate-700" />
              <span className="absolute left-0.5 size-4 rounded-full bg-white transition peer-checked:translate-x-4" />
              <span className="sr-only">{f.name}</span>
            </label>
            <div className="flex-1 text-sm">
              <code className="font-bold">{f.name}</code> <Badge tone="purple">{f.source}</Badge>
              <p className="text-slate-500 text-xs">{f.description}</p>
              {f.source === 'tenant' && (
                <button
                  type="button"
                  className="text-blue-600 text-xs underline"
                  onClick={() => void put.run(f.name, null)}
                >
                  Remove this workspace's override
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ProblemNote error={put.error} />
    </>
  )
}

function SlackSettings({ slack }: { slack: Slack }) {
  const [note, setNote] = useState<string | null>(null)
  const save = useAction((webhook_url: string) => api('/v1/settings/slack', { method: 'PUT', body: { webhook_url } }))
  const remove = useAction(() => api('/v1/settings/slack', { method: 'DELETE' }))
  const test = useAction(() => api('/v1/settings/slack/test', { body: {} }))
  return (
    <>
      <p className="mb-2 text-sm">
        {slack.configured ? (
          <>
            Alerts go to <code>{slack.webhook_hint}</code> <Badge tone="green">configured</Badge>
          </>
        ) : (
          'Not configured: drift and failed jobs are not sent to Slack.'
        )}
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault()
          await save.run(String(new FormData(e.currentTarget).get('webhook_url')))
        }}
      >
        <div className="min-w-56 flex-1">
          <Field label="Incoming webhook URL" error={fieldErrors(save.error).webhook_url}>
            <Input name="webhook_url" type="url" required placeholder="https://hooks.slack.com/services/…" />
          </Field>
        </div>
        <Button type="submit" busy={save.busy}>
          Save
        </Button>
      </form>
      {slack.configured && (
        <div className="mt-2 flex gap-2">
          <Button
            variant="secondary"
            busy={test.busy}
            onClick={async () => {
              if (await test.run()) setNote('Test message queued; check the channel.')
            }}
          >
            <Send className="size-4" aria-hidden /> Send a test
          </Button>
          <Button variant="ghost" busy={remove.busy} onClick={() => void remove.run()}>
            Remove
          </Button>
        </div>
      )}
      {note && <p className="mt-2 text-emerald-700 text-sm dark:text-emerald-400">{note}</p>}
      <ProblemNote error={save.error ?? test.error ?? remove.error} />
    </>
  )
}

export default function SettingsPage() {
  const { users, invitations, keys, flags, slack, aod, automation } = useLoaderData<typeof clientLoader>()
  const me = useOutletContext<Me>()
  useRevalidateOn(['aos.flag.changed', 'aos.settings.changed'])
  return (
    <>
      <PageHeader
        title="Settings"
        description={`Workspace ${me.tenant.name}: people, keys, feature flags, alerts, automation and asset discovery.`}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Widget id="settings.users" title="Users and roles">
          {users ? <Users users={users} invitations={invitations} me={me} /> : <AdminOnly />}
        </Widget>
        <Widget id="settings.api-keys" title="API keys">
          {keys ? <ApiKeys keys={keys} /> : <AdminOnly />}
        </Widget>
        <Widget id="settings.flags" title="Feature flags">
          <Flags flags={flags} />
        </Widget>
        <Widget id="settings.slack" title="Slack alerts">
          {slack ? <SlackSettings slack={slack} /> : <AdminOnly />}
        </Widget>
        <Widget id="settings.automation" title="Automation">
          <AutomationSettings automation={automation} canEdit={me.role === 'owner' || me.role === 'admin'} />
        </Widget>
        <Widget id="settings.aod" title="Asset discovery">
          {aod ? <AodSettingsForm settings={aod} /> : <AdminOnly />}
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
