import { useState } from 'react'
import { api, fieldErrors } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './badge.tsx'
import { Button } from './button.tsx'
import { Field, Input } from './form.tsx'
import { ProblemNote } from './problem-note.tsx'

export type AodSettingsState = { configured: boolean; base_url: string | null; updated_at: string | null }

/** Where the asset-discovery service answers; its token is write-only. */
export function AodSettingsForm({ settings }: { settings: AodSettingsState }) {
  const [note, setNote] = useState<string | null>(null)
  const save = useAction((body: { base_url: string; token: string }) =>
    api('/v1/settings/aod', { method: 'PUT', body }),
  )
  const remove = useAction(() => api('/v1/settings/aod', { method: 'DELETE' }))
  const errors = fieldErrors(save.error)
  return (
    <>
      <p className="mb-2 text-sm">
        {settings.configured ? (
          <>
            Assets come from <code>{settings.base_url}</code> <Badge tone="green">connected</Badge>{' '}
            <span className="text-slate-500 text-xs">since {ago(settings.updated_at)}</span>
          </>
        ) : (
          'Not connected: Data Discovery cannot list or import discovered assets.'
        )}
      </p>
      <form
        className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={async (e) => {
          e.preventDefault()
          const f = new FormData(e.currentTarget)
          const saved = await save.run({ base_url: String(f.get('base_url')), token: String(f.get('token')) })
          if (saved) setNote('Saved. Data Discovery now lists the discovered assets.')
        }}
      >
        <Field label="Service URL" error={errors.base_url}>
          <Input
            name="base_url"
            type="url"
            required
            defaultValue={settings.base_url ?? ''}
            placeholder="https://aod.example.com"
          />
        </Field>
        <Field label="Token" error={errors.token} hint="Stored encrypted, never shown">
          <Input name="token" type="password" required autoComplete="off" />
        </Field>
        <Button type="submit" busy={save.busy}>
          Save
        </Button>
      </form>
      {settings.configured && (
        <Button className="mt-2" variant="ghost" busy={remove.busy} onClick={() => void remove.run()}>
          Disconnect
        </Button>
      )}
      {note && <p className="mt-2 text-emerald-700 text-sm dark:text-emerald-400">{note}</p>}
      <ProblemNote error={save.error ?? remove.error} />
    </>
  )
}
