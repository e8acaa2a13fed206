import type { CloudEvent } from '../lib/types.ts'
import { Badge, type Tone } from './badge.tsx'

const TONE: [string, Tone][] = [
  ['aos.source.alert', 'red'],
  ['aos.dcl', 'purple'],
  ['aos.drift', 'purple'],
  ['aos.job.dead', 'red'],
  ['aos.job.failed', 'amber'],
  ['aos.job.succeeded', 'green'],
  ['aos.sync', 'green'],
  ['aos.stream', 'amber'],
  ['aos.job', 'blue'],
]

function summary(event: CloudEvent): string {
  const d = event.data as Record<string, unknown>
  if (event.type === 'aos.sync.completed')
    return `${d.stream}: ${d.rows} read, ${d.stored} stored, ${d.quarantined} quarantined, ${d.skipped ?? 0} skipped`
  if (event.type === 'aos.drift.detected')
    return `${d.stream ?? 'stream'}: ${d.summary ?? ''} (${d.breaking ? 'breaking' : 'non-breaking'}, ${d.action})`
  if (event.type.startsWith('aos.job.')) return `${d.kind ?? 'job'} ${String(d.job_id ?? '').slice(0, 8)}`
  if (event.type === 'aos.flag.changed') return `${d.name} → ${JSON.stringify(d.value)}`
  if (event.type.startsWith('aos.stream.')) return `${d.stream ?? d.stream_id ?? ''} ${d.reason ?? ''}`
  if (event.type === 'aos.source.alert') return `${d.title}: ${d.detail}`
  if (event.type === 'aos.dcl.entities.updated') return `${d.created} new, ${d.updated} updated entities`
  return event.subject ?? ''
}

export function EventFeed({ events }: { events: CloudEvent[] }) {
  if (events.length === 0)
    return (
      <p className="text-slate-500 text-sm">No events yet. Sync a connection and they appear here as they happen.</p>
    )
  return (
    <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="event-feed">
      {events.map((e) => (
        <li key={e.id} className="flex items-center gap-3 py-2">
          <Badge tone={TONE.find(([prefix]) => e.type.startsWith(prefix))?.[1] ?? 'grey'}>
            {e.type.replace('aos.', '')}
          </Badge>
          <span className="min-w-0 flex-1 truncate">{summary(e)}</span>
          <time className="shrink-0 text-slate-500 text-xs" dateTime={e.time}>
            {new Date(e.time).toLocaleTimeString()}
          </time>
        </li>
      ))}
    </ol>
  )
}
