import { cn } from '../lib/cn.ts'
import { useStreamStatus } from '../lib/live-events.tsx'
import {
  type DataOrigin,
  stateLabel,
  useWidgetRegistration,
  type WidgetState,
  widgetState,
} from '../lib/live-status.ts'

const DOT: Record<WidgetState, string> = {
  live: 'live-pulse bg-emerald-500',
  stale: 'bg-amber-500',
  // Demo data: a hollow violet ring, unlike any state of real data.
  demo: 'border-2 border-violet-500 bg-transparent',
  mock: 'bg-slate-400',
}

/** A status dot; its state is also text (for screen readers) and a tooltip. */
export function LiveDot({ state, label, visibleLabel }: { state: WidgetState; label: string; visibleLabel?: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span data-live={state} title={label} className={cn('inline-block size-2.5 shrink-0 rounded-full', DOT[state])}>
        <span className="sr-only">{label}</span>
      </span>
      {visibleLabel && (
        <span
          className={cn(
            'font-medium text-xs',
            state === 'demo' ? 'text-violet-700 dark:text-violet-300' : 'text-amber-700 dark:text-amber-300',
          )}
        >
          {visibleLabel}
        </span>
      )}
    </span>
  )
}

type Props = {
  id: string
  title: string
  /** Where the widget's data comes from; its dot derives live or stale from the event stream. */
  origin?: DataOrigin
  actions?: React.ReactNode
  className?: string
  children: React.ReactNode
}

/** A card that shows data: registered in the live-status registry, with its dot in the corner. */
export function Widget({ id, title, origin = 'api', actions, className, children }: Props) {
  useWidgetRegistration(id, title, origin)
  const stream = useStreamStatus()
  const state = widgetState(origin, stream)
  return (
    <section
      data-widget={id}
      aria-label={title}
      className={cn(
        'rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
    >
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <LiveDot
          state={state}
          label={stateLabel(state, stream)}
          visibleLabel={
            state === 'stale' && stream === 'reconnecting' ? 'reconnecting' : state === 'demo' ? 'demo data' : undefined
          }
        />
        <h2 className="font-bold text-slate-700 text-sm uppercase tracking-wide dark:text-slate-300">{title}</h2>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </header>
      {children}
    </section>
  )
}
