import { cn } from '../lib/cn.ts'
import { type DataSource, useWidgetRegistration } from '../lib/live-status.ts'

export function LiveDot({ source }: { source: DataSource }) {
  return (
    <span
      data-live={source}
      title={source === 'live' ? 'Live data from the API' : 'Mock data: not from your tenant'}
      className={cn(
        'inline-block size-2.5 rounded-full',
        source === 'live' ? 'live-pulse bg-emerald-500' : 'bg-slate-400',
      )}
    >
      <span className="sr-only">{source === 'live' ? 'live data' : 'mock data'}</span>
    </span>
  )
}

type Props = {
  id: string
  title: string
  source?: DataSource
  actions?: React.ReactNode
  className?: string
  children: React.ReactNode
}

/** A card that shows data: registered in the live-status registry, with its dot in the corner. */
export function Widget({ id, title, source = 'live', actions, className, children }: Props) {
  useWidgetRegistration(id, title, source)
  return (
    <section
      data-widget={id}
      aria-label={title}
      className={cn(
        'rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
    >
      <header className="mb-3 flex items-center gap-2">
        <LiveDot source={source} />
        <h2 className="font-bold text-slate-700 text-sm uppercase tracking-wide dark:text-slate-300">{title}</h2>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </header>
      {children}
    </section>
  )
}
