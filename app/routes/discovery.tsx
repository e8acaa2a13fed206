import { Search } from 'lucide-react'
import { useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { AodAssets, loadAodAssets } from '../components/aod-assets.tsx'
import { Badge } from '../components/badge.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { Input } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { SchemaTable } from '../components/schema-table.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { startEngine } from '../lib/duckdb.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Connection, List, Stream } from '../lib/types.ts'

export const meta = () => pageTitle('Data Discovery')

export async function clientLoader() {
  const [connections, streams, aod] = await Promise.all([
    api<List<Connection>>('/v1/connections'),
    api<List<Stream>>('/v1/streams'),
    loadAodAssets(),
  ])
  return { connections: connections.data, streams: streams.data, aod }
}

export default function DiscoveryPage() {
  const { connections, streams, aod } = useLoaderData<typeof clientLoader>()
  const [filter, setFilter] = useState('')
  useRevalidateOn(['aos.sync.completed', 'aos.drift.detected'])
  const connectionName = (id: string) => connections.find((c) => c.id === id)?.name ?? ''
  const typeCounts = Object.entries(
    streams
      .flatMap((s) => s.schema ?? [])
      .reduce<Record<string, number>>((acc, f) => {
        acc[f.type] = (acc[f.type] ?? 0) + 1
        return acc
      }, {}),
  ).map(([type, fields]) => ({ type, fields }))
  const needle = filter.trim().toLowerCase()
  const shown = streams.filter(
    (s) =>
      !needle ||
      s.name.toLowerCase().includes(needle) ||
      (s.schema ?? []).some((f) => f.path.toLowerCase().includes(needle)),
  )

  return (
    <>
      <PageHeader
        title="Data Discovery"
        description="Every stream the mesh has seen, with its inferred schema and field profiles."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="discovery.field-types" title="Fields by type" className="lg:col-span-2">
          {typeCounts.length === 0 ? (
            <p className="text-slate-500 text-sm">No schemas yet: sync a source to infer one.</p>
          ) : (
            <ChartFrame height={200}>
              <BarChart data={typeCounts}>
                <CartesianGrid strokeOpacity={0.15} vertical={false} />
                <XAxis dataKey="type" {...axis} />
                <YAxis allowDecimals={false} width={30} {...axis} />
                <Tooltip {...tooltip} />
                <Bar isAnimationActive={false} dataKey="fields" fill={COLORS.blue} radius={[4, 4, 0, 0]} />
              </BarChart>
            </ChartFrame>
          )}
        </Widget>
        <Widget id="discovery.aod-assets" title="Discovered by AOD">
          <AodAssets state={aod} />
        </Widget>
        <Widget
          id="discovery.streams"
          title={`Streams (${shown.length})`}
          className="lg:col-span-3"
          actions={
            <Input
              aria-label="Filter streams and fields"
              placeholder="Filter by stream or field"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="w-56"
            />
          }
        >
          {shown.length === 0 ? (
            <div className="py-6 text-center text-slate-500">
              <Search className="mx-auto mb-2 size-6" aria-hidden />
              {streams.length === 0 ? (
                <>
                  Nothing discovered yet.{' '}
                  <Link to="/connections" className="text-blue-600 underline">
                    Add a source
                  </Link>
                  .
                </>
              ) : (
                'No stream or field matches the filter.'
              )}
            </div>
          ) : (
            <div className="space-y-6">
              {shown.map((s) => (
                <section key={s.id} aria-label={`Stream ${s.name}`}>
                  <h3 className="mb-1 flex flex-wrap items-center gap-2">
                    <span className="font-bold">{s.name}</span>
                    <span className="text-slate-500 text-xs">{connectionName(s.connection_id)}</span>
                    <Badge tone="green">{s.record_count.toLocaleString()} records</Badge>
                    <Link
                      to={`/streams/${s.id}/preview`}
                      onPointerEnter={startEngine}
                      onFocus={startEngine}
                      className="ml-auto text-blue-600 text-sm"
                    >
                      Preview with SQL
                    </Link>
                  </h3>
                  {s.schema ? (
                    <SchemaTable schema={s.schema} profile={s.profile} />
                  ) : (
                    <p className="text-slate-500 text-sm">Schema not inferred yet.</p>
                  )}
                </section>
              ))}
            </div>
          )}
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
