import { cn } from '../lib/cn.ts'

const TONES = {
  green: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200',
  blue: 'bg-blue-100 text-blue-800 dark:bg-blue-900/50 dark:text-blue-200',
  purple: 'bg-violet-100 text-violet-800 dark:bg-violet-900/50 dark:text-violet-200',
  red: 'bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-200',
  amber: 'bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200',
  grey: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
}
export type Tone = keyof typeof TONES

export function Badge({ tone = 'grey', children }: { tone?: Tone; children: React.ReactNode }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 font-semibold text-xs', TONES[tone])}>
      {children}
    </span>
  )
}

const STATUS_TONE: Record<string, Tone> = {
  succeeded: 'green',
  running: 'blue',
  queued: 'purple',
  failed: 'amber',
  dead: 'red',
  cancelled: 'grey',
}
export const StatusBadge = ({ status }: { status: string }) => (
  <Badge tone={STATUS_TONE[status] ?? 'grey'}>{status}</Badge>
)
