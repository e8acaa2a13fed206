import { Link, useLoaderData } from 'react-router'
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, STATUS_COLOR, shortDay, tooltip } from '../components/chart-theme.ts'
import { HealthBadge } from '../components/connection-health.tsx'
import { EventFeed } from '../components/event-feed.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { Stat } from '../components/stat.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { useLiveEvents, useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Dashboard } from '../lib/types.ts'

export const meta = () => pageTitle('Dashboard')

export const clientLoader = async () => ({ dashboard: await api<Dashboard>('/v1/dashboard?days=14') })

export default function DashboardPage() {
  const { dashboard } = useLoaderData<typeof clientLoader>()
  const { recent } = useLiveEvents()
  useRevalidateOn(['aos.job.*', 'aos.sync.completed', 'aos.drift.detected', 'aos.stream.*', 'aos.source.alert'])

  const totals = dashboard.connections.reduce(
    (t, c) => ({
      streams: t.streams + c.streams,
      paused: t.paused + c.paused_streams,
      records: t.records + c.records,
      quarantine: t.quarantine + c.open_quarantine,
    }),
    { streams: 0, paused: 0, records: 0, quarantine: 0 },
  )
  const jobsTotal = dashboard.jobs_by_status.reduce((n, s) => n + s.count, 0)

  return (
    <>
      <PageHeader title="Dashboard" description="Sync health, schema drift and jobs for this workspace, live." />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="dashboard.sync-health" title="Sync health" className="lg:col-span-2">
          <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Connections" value={dashboard.connections.length} tone="text-blue-600 dark:text-blue-400" />
            <Stat label="Records stored" value={totals.records} tone="text-emerald-600 dark:text-emerald-400" />
            <Stat label="Paused streams" value={totals.paused} tone="text-amber-600 dark:text-amber-400" />
            <Stat label="In quarantine" value={totals.quarantine} tone="text-rose-600 dark:text-rose-400" />
          </div>
          {dashboard.connections.length === 0 ? (
            <p className="text-slate-500 text-sm">
              No connections yet.{' '}
              <Link to="/connections" className="text-blue-600 underline">
                Add a source
              </Link>{' '}
              to start syncing.
            </p>
          ) : (
            <ChartFrame>
              <BarChart data={dashboard.connections} layout="vertical" margin={{ left: 20 }}>
                <CartesianGrid strokeOpacity={0.15} horizontal={false} />
                <XAxis type="number" {...axis} />
                <YAxis type="category" dataKey="name" width={120} {...axis} />
                <Tooltip {...tooltip} />
                <Legend />
                <Bar
                  isAnimationActive={false}
                  dataKey="records"
                  name="records"
                  fill={COLORS.green}
                  radius={[0, 4, 4, 0]}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="open_quarantine"
                  name="quarantined"
                  fill={COLORS.red}
                  radius={[0, 4, 4, 0]}
                />
              </BarChart>
            </ChartFrame>
          )}
          <ul className="mt-3 flex flex-wrap gap-2">
            {dashboard.connections.map((c) => (
              <li key={c.id}>
                <Link to={`/connections/${c.id}`} className="inline-flex items-center gap-2 text-sm">
                  <HealthBadge health={c.health} />
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </Widget>

        <Widget id="dashboard.jobs-by-status" title="Jobs by status">
          <ChartFrame
            className="relative"
            overlay={
              <div className="pointer-events-none absolute inset-0 grid place-items-center pb-8 text-center">
                <div>
                  <div className="font-bold text-2xl text-slate-800 dark:text-slate-100">{jobsTotal}</div>
                  <div className="text-xs">jobs</div>
                </div>
              </div>
            }
          >
            <PieChart>
              <Pie
                isAnimationActive={false}
                data={dashboard.jobs_by_status}
                dataKey="count"
                nameKey="status"
                innerRadius="55%"
                outerRadius="85%"
                paddingAngle={2}
              >
                {dashboard.jobs_by_status.map((s) => (
                  <Cell key={s.status} fill={STATUS_COLOR[s.status] ?? COLORS.grey} />
                ))}
              </Pie>
              <Tooltip {...tooltip} />
              <Legend />
            </PieChart>
          </ChartFrame>
        </Widget>

        <Widget id="dashboard.drift-over-time" title="Drift over time (14 days)" className="lg:col-span-2">
          <ChartFrame>
            <BarChart data={dashboard.drift_per_day}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
              <YAxis allowDecimals={false} width={30} {...axis} />
              <Tooltip {...tooltip} />
              <Legend />
              <Bar
                isAnimationActive={false}
                dataKey="non_breaking"
                name="non-breaking"
                stackId="d"
                fill={COLORS.purple}
              />
              <Bar
                isAnimationActive={false}
                dataKey="breaking"
                name="breaking"
                stackId="d"
                fill={COLORS.red}
                radius={[4, 4, 0, 0]}
              />
            </BarChart>
          </ChartFrame>
        </Widget>

        <Widget id="dashboard.jobs-per-day" title="Jobs per day">
          <ChartFrame>
            <AreaChart data={dashboard.jobs_per_day}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="day" tickFormatter={shortDay} {...axis} />
              <YAxis allowDecimals={false} width={30} {...axis} />
              <Tooltip {...tooltip} />
              <Area
                isAnimationActive={false}
                dataKey="succeeded"
                stackId="j"
                stroke={COLORS.green}
                fill={COLORS.green}
                fillOpacity={0.4}
              />
              <Area
                isAnimationActive={false}
                dataKey="failed"
                stackId="j"
                stroke={COLORS.red}
                fill={COLORS.red}
                fillOpacity={0.4}
              />
              <Area
                isAnimationActive={false}
                dataKey="other"
                stackId="j"
                stroke={COLORS.blue}
                fill={COLORS.blue}
                fillOpacity={0.3}
              />
            </AreaChart>
          </ChartFrame>
        </Widget>

        <Widget id="dashboard.recent-events" title="Recent events" className="lg:col-span-3">
          <EventFeed events={recent.slice(0, 12)} />
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
