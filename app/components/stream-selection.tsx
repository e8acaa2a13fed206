import { useState } from 'react'
import { api, fieldErrors } from '../lib/api.ts'
import { type Selection, splitList } from '../lib/connection-kinds.ts'
import type { Connection } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Button } from './button.tsx'
import { Field, Input } from './form.tsx'

/** Which streams a source syncs (tables, objects, watched connections); leaving one out keeps its records and cursor. */
export function StreamSelection({ connection, selection }: { connection: Connection; selection: Selection }) {
  const stored = connection.config[selection.key]
  const current = Array.isArray(stored) ? (stored as string[]).join(', ') : ''
  const [text, setText] = useState(current)
  const save = useAction(() => {
    const list = splitList(text)
    // An empty list falls back to the kind's default selection: null removes the setting.
    const config = { [selection.key]: list.length > 0 ? list : null }
    return api(`/v1/connections/${connection.id}`, { method: 'PATCH', body: { config } })
  })
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      <div className="min-w-56 flex-1">
        <Field label={selection.label} error={fieldErrors(save.error)[`config.${selection.key}`]} hint={selection.hint}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={selection.placeholder} />
        </Field>
      </div>
      <Button type="submit" variant="secondary" busy={save.busy} disabled={text === current}>
        Save selection
      </Button>
    </form>
  )
}
