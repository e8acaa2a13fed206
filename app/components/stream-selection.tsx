import { useState } from 'react'
import { api, fieldErrors } from '../lib/api.ts'
import type { Connection } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Button } from './button.tsx'
import { Field, Input } from './form.tsx'

/** Which tables a database source syncs; leaving one out keeps its stored records and its cursor. */
export function StreamSelection({ connection }: { connection: Connection }) {
  const current = Array.isArray(connection.config.tables) ? (connection.config.tables as string[]).join(', ') : ''
  const [tables, setTables] = useState(current)
  const save = useAction(() => {
    const list = tables
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
    // An empty list means every table of the schema: null removes the setting.
    const config = { tables: list.length > 0 ? list : null }
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
        <Field
          label="Tables to sync"
          error={fieldErrors(save.error)['config.tables']}
          hint="Comma-separated; every table of the schema when empty. Deselected tables keep their records."
        >
          <Input value={tables} onChange={(e) => setTables(e.target.value)} placeholder="customers, orders" />
        </Field>
      </div>
      <Button type="submit" variant="secondary" busy={save.busy} disabled={tables === current}>
        Save selection
      </Button>
    </form>
  )
}
