import { useState } from 'react'
import { api, fieldErrors } from '../lib/api.ts'
import { cronInWords, isOverdue } from '../lib/schedule.ts'
import type { Connection } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './badge.tsx'
import { Button } from './button.tsx'
import { Field, Input, Select } from './form.tsx'

const PRESETS = [
  { label: 'On demand only', cron: '' },
  { label: 'Every 15 minutes', cron: '*/15 * * * *' },
  { label: 'Hourly', cron: '0 * * * *' },
  { label: 'Daily at 02:00 UTC', cron: '0 2 * * *' },
  { label: 'Weekdays at 06:00 UTC', cron: '0 6 * * 1-5' },
]

/** A schedule as `cron` in words, flagged when its next sync is overdue (nothing fired it). */
export function ScheduleInWords({ cron, nextSyncAt }: { cron: string; nextSyncAt: string | null }) {
  const words = cronInWords(cron)
  return (
    <span data-testid="schedule-words">
      {words ?? 'scheduled'} <code className="font-mono">{cron}</code>
      {isOverdue(nextSyncAt) && (
        <>
          {' '}
          <Badge tone="amber">overdue</Badge>
        </>
      )}
    </span>
  )
}

/** The connection's sync schedule: a preset or any 5-field UTC cron, with the next run it gives. */
export function ScheduleEditor({ connection }: { connection: Connection }) {
  const [cron, setCron] = useState(connection.schedule ?? '')
  const save = useAction((schedule: string) =>
    api(`/v1/connections/${connection.id}`, { method: 'PATCH', body: { schedule: schedule.trim() || null } }),
  )
  const preset = PRESETS.find((p) => p.cron === cron)?.cron ?? 'custom'
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault()
        void save.run(cron)
      }}
    >
      <Field label="Sync schedule (UTC)" error={fieldErrors(save.error).schedule}>
        <Select value={preset} onChange={(e) => e.target.value !== 'custom' && setCron(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.label} value={p.cron}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom cron…</option>
        </Select>
      </Field>
      <div className="flex gap-2">
        <Input
          aria-label="Cron expression"
          data-testid="schedule-cron"
          value={cron}
          placeholder="minute hour day month weekday"
          onChange={(e) => setCron(e.target.value)}
          className="font-mono"
        />
        <Button type="submit" variant="secondary" busy={save.busy} disabled={cron === (connection.schedule ?? '')}>
          Save
        </Button>
      </div>
      {cron.trim() && (
        <p className="text-slate-600 text-xs dark:text-slate-300" data-testid="cron-words">
          {cronInWords(cron) ?? 'Not a cron expression yet'}
        </p>
      )}
      <p className="text-slate-500 text-xs" data-testid="next-sync">
        {connection.next_sync_at
          ? `Next sync ${new Date(connection.next_sync_at).toLocaleString()}`
          : 'Syncs when you press Sync now or upload a file.'}
        {isOverdue(connection.next_sync_at) && (
          <>
            {' '}
            <Badge tone="amber">overdue</Badge>
          </>
        )}
      </p>
    </form>
  )
}
