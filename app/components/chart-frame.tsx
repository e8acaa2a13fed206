import { ResponsiveContainer } from 'recharts'
import { cn } from '../lib/cn.ts'

/** A chart that fills its card's width at a fixed height, with axis text in the theme's muted colour. */
export function ChartFrame({
  height = 220,
  className,
  overlay,
  children,
}: {
  height?: number
  className?: string
  /** Drawn over the chart, e.g. a total in a donut's hole. */
  overlay?: React.ReactNode
  children: React.ReactElement
}) {
  return (
    <div className={cn('text-slate-500', className)} style={{ height }}>
      <ResponsiveContainer>{children}</ResponsiveContainer>
      {overlay}
    </div>
  )
}
