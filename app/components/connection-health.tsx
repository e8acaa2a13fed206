import { Link } from 'react-router'
import { isOverdue } from '../lib/schedule.ts'
import type { Connection, ConnectionHealth } from '../lib/types.ts'
import { Badge, type Tone } from './badge.tsx'

const LOOK: Record<ConnectionHealth['state'], { tone: Tone; label: string }> = {
  healthy: { tone: 'green', label: 'healthy' },
  syncing: { tone: 'blue', label: 'syncing' },
  failing: { tone: 'red', label: 'failing' },
  paused: { tone: 'amber', label: 'paused' },
  needs_review: { tone: 'purple', label: 'needs review' },
  never_synced: { tone: 'grey', label: 'never synced' },
}

/** The connection's health as the API derives it; its reason is the tooltip and what a screen reader hears. */
export function HealthBadge({ health }: { health: ConnectionHealth }) {
  const look = LOOK[health.state]
  return (
    <span title={health.reason} data-testid="health" data-state={health.state}>
      <Badge tone={look.tone}>{look.label}</Badge>
      <span className="sr-only">: {health.reason}</span>
    </span>
  )
}

const when = (iso: string) => new Date(iso).toLocaleString()

/** On the connection page: what is wrong and what to do next, for the states that need someone. */
export function HealthBanner({ connection }: { connection: Connection }) {
  const { health } = connection
  const overdue = isOverdue(connection.next_sync_at)
  if (health.state !== 'failing' && health.state !== 'needs_review' && !overdue) return null
  const failing = health.state === 'failing'
  return (
    <div
      role="alert"
      data-testid="health-banner"
      className={
        failing
          ? 'mb-4 rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-900 text-sm dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100'
          : 'mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900 text-sm dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100'
      }
    >
      {failing && (
        <>
          <p className="font-semibold">Syncing is failing</p>
          <p>{health.reason}</p>
          {health.last_error && <p className="mt-1 break-words">Last error: {health.last_error}</p>}
          <p className="mt-1">
            {health.next_retry_at ? `Next try ${when(health.next_retry_at)}. ` : ''}
            Next: fix the cause (Test checks access), then press <b>Sync now</b>; the{' '}
            <Link to="/jobs?kind=aam.sync" className="underline">
              sync jobs
            </Link>{' '}
            show each attempt.
          </p>
        </>
      )}
      {health.state === 'needs_review' && (
        <>
          <p className="font-semibold">Schema drift needs your review</p>
          <p>{health.reason}</p>
          <p className="mt-1">
            Next: open{' '}
            <Link to="/drift" className="underline">
              Drift
            </Link>
            , compare the old and new schema and accept or reject the change.
          </p>
        </>
      )}
      {overdue && connection.next_sync_at && (
        <p className={failing || health.state === 'needs_review' ? 'mt-2' : ''} data-testid="overdue">
          <b>Schedule overdue:</b> the next sync was due {when(connection.next_sync_at)} and has not started. The
          platform&apos;s cron fires schedules every minute; locally, run the console with <code>npm start</code>.
        </p>
      )}
    </div>
  )
}
