import { cn } from '../lib/cn.ts'
import type { DriftChange } from '../lib/types.ts'
import { Badge } from './badge.tsx'

const SIGN: Record<DriftChange['kind'], { mark: string; tone: string; label: string }> = {
  added: { mark: '+', tone: 'text-emerald-600 dark:text-emerald-400', label: 'added' },
  removed: { mark: '−', tone: 'text-rose-600 dark:text-rose-400', label: 'removed' },
  renamed: { mark: '→', tone: 'text-violet-600 dark:text-violet-400', label: 'renamed' },
  type_changed: { mark: '~', tone: 'text-blue-600 dark:text-blue-400', label: 'type changed' },
  nullability_changed: { mark: '?', tone: 'text-amber-600 dark:text-amber-400', label: 'nullability' },
}

function describe(change: DriftChange) {
  switch (change.kind) {
    case 'added':
      return <code>{change.path}</code>
    case 'removed':
      return <code className="line-through">{change.path}</code>
    case 'renamed':
      return (
        <>
          <code>{change.from}</code> → <code>{change.to}</code>
        </>
      )
    default:
      return (
        <>
          <code>{change.path}</code>: {change.from} → {change.to}
        </>
      )
  }
}

/** A drift record's changes as a diff: one line per change, with its classification and severity. */
export function DriftDiff({ changes }: { changes: DriftChange[] }) {
  return (
    <ul className="space-y-1 rounded-lg bg-slate-50 p-3 font-mono text-sm dark:bg-slate-950" data-testid="drift-diff">
      {changes.map((change) => {
        const sign = SIGN[change.kind]
        return (
          <li
            key={`${change.kind}:${change.path}`}
            className="flex flex-wrap items-center gap-2"
            data-kind={change.kind}
          >
            <span className={cn('w-4 text-center font-bold', sign.tone)} aria-hidden>
              {sign.mark}
            </span>
            <span className="min-w-0 flex-1 break-all">{describe(change)}</span>
            <span className="flex gap-1 font-sans">
              <Badge tone="grey">{sign.label}</Badge>
              <Badge tone={change.severity === 'breaking' ? 'red' : 'green'}>
                {change.severity === 'breaking' ? 'breaking' : 'non-breaking'}
              </Badge>
              {change.kind === 'renamed' && (
                <Badge tone="purple">{Math.round(change.confidence * 100)}% confident</Badge>
              )}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
