import { useState } from 'react'
import { api, fieldErrors } from '../lib/api.ts'
import type { Automation } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './badge.tsx'
import { Button } from './button.tsx'
import { Dialog } from './dialog.tsx'
import { Field, Input } from './form.tsx'
import { ProblemNote } from './problem-note.tsx'

/**
 * Safe Mode and the repair threshold. Leaving Safe Mode lets the engine write to the mapping registry on
 * its own, so it asks first; entering it needs no confirmation (it only makes the engine wait).
 */
export function AutomationSettings({ automation, canEdit }: { automation: Automation; canEdit: boolean }) {
  const [confirming, setConfirming] = useState(false)
  const put = useAction((patch: Partial<Automation>) =>
    api<Automation>('/v1/settings/automation', { method: 'PUT', body: patch }),
  )
  const pct = Math.round(automation.repair_threshold * 100)
  return (
    <>
      <div className="flex items-start gap-3">
        <label className="relative mt-1 inline-flex cursor-pointer items-center">
          <input
            type="checkbox"
            className="peer sr-only"
            checked={automation.safe_mode}
            disabled={!canEdit || put.busy}
            data-testid="safe-mode"
            onChange={(e) => (e.target.checked ? void put.run({ safe_mode: true }) : setConfirming(true))}
          />
          <span className="h-5 w-9 rounded-full bg-slate-300 transition peer-checked:bg-emerald-500 dark:bg-slate-700" />
          <span className="absolute left-0.5 size-4 rounded-full bg-white transition peer-checked:translate-x-4" />
          <span className="sr-only">Safe Mode</span>
        </label>
        <div className="flex-1 text-sm">
          <span className="font-semibold">Safe Mode</span>{' '}
          <Badge tone={automation.safe_mode ? 'green' : 'amber'}>{automation.safe_mode ? 'on' : 'off'}</Badge>
          <p className="text-slate-500 text-xs">
            {automation.safe_mode
              ? 'Every repair the engine proposes waits in AOS Review for a person, however sure it is.'
              : `A repair at or above ${pct}% confidence applies itself on connections outside Safe Mode; the rest wait in AOS Review.`}
          </p>
        </div>
      </div>
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault()
          await put.run({ repair_threshold: Number(new FormData(e.currentTarget).get('repair_threshold')) })
        }}
      >
        <div className="w-40">
          <Field label="Repair threshold (0.5–1)" error={fieldErrors(put.error).repair_threshold}>
            <Input
              key={automation.repair_threshold}
              name="repair_threshold"
              type="number"
              min={0.5}
              max={1}
              step={0.01}
              required
              disabled={!canEdit}
              defaultValue={automation.repair_threshold}
              data-testid="repair-threshold"
            />
          </Field>
        </div>
        {canEdit && (
          <Button type="submit" busy={put.busy}>
            Save
          </Button>
        )}
      </form>
      {!canEdit && <p className="mt-2 text-slate-500 text-xs">Only admins and owners can change these.</p>}
      <ProblemNote error={put.error} />
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Leave Safe Mode?"
        description={`The repair engine will then write to the mapping registry on its own: a repair at or above ${pct}% confidence applies itself, without review, on every connection not kept in Safe Mode. Each is listed under Recent repairs in AOS Review and can be reverted there.`}
      >
        <div className="flex gap-2">
          <Button
            variant="danger"
            busy={put.busy}
            data-testid="safe-mode-leave"
            onClick={async () => {
              await put.run({ safe_mode: false })
              setConfirming(false)
            }}
          >
            Leave Safe Mode
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Stay in Safe Mode
          </Button>
        </div>
      </Dialog>
    </>
  )
}
