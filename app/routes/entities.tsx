import { useTable } from '@tanstack/react-table'
import { Boxes } from 'lucide-react'
import { useMemo } from 'react'
import { Link, useLoaderData, useSearchParams } from 'react-router'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { CANONICAL_ENTITIES } from '../../workers/contract/vocabulary/entities.ts'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { columnHelper, DataTable, features } from '../components/data-table.tsx'
import { Field, Select } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { UnifiedView } from '../components/unified-view.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { Connection, EntityPage, Flag, List, ViewList } from '../lib/types.ts'
import { useAction } from '../lib/use-action.ts'
import type { Route } from './+types/entities'

export const meta = () => pageTitle('Unified Entities')

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  const entity = new URL(request.url).searchParams.get('entity')
  const [page, connections, flags, views] = await Promise.all([
    api<EntityPage>(`/v1/dcl/entities?limit=100${entity ? `&entity=${entity}` : ''}`),
    api<List<Connection>>('/v1/connections'),
    api<List<Flag>>('/v1/flags'),
    api<ViewList>('/v1/dcl/views'),
  ])
  const feeding = flags.data.find((f) => f.name === 'USE_AAM_AS_SOURCE')?.value ?? false
  return { page, connections: connections.data, feeding, views: views.data }
}

/** The few fields that say which entity this is, whatever its type. */
function label(data: Record<string, unknown>): string {
  const attributes = (data.attributes ?? {}) as Record<string, unknown>
  const name = data.name ?? data.email ?? [data.first_name, data.last_name].filter(Boolean).join(' ')
  return String(name || attributes.name || attributes.email || attributes.Name || data.external_id)
}

type Entity = EntityPage['data'][number]
const helper = columnHelper<Entity>()

/** The newest version of each entity, its source shown as the connection's name when it still exists. */
function entityColumns(connections: Connection[]) {
  const connectionOf = (source: string) => connections.find((c) => source.startsWith(`/connections/${c.id}/`))
  return helper.columns([
    helper.display({
      id: 'label',
      header: 'Entity',
      meta: { headerClassName: 'py-1', cellClassName: 'py-1.5' },
      cell: ({ row: { original: e } }) => (
        <>
          <span className="font-semibold">{label(e.data)}</span>
          <span className="block font-mono text-slate-500 text-xs">{e.external_id}</span>
        </>
      ),
    }),
    helper.accessor('entity', { header: 'Type', cell: ({ getValue }) => <Badge tone="purple">{getValue()}</Badge> }),
    helper.accessor('source', {
      header: 'Source',
      meta: { cellClassName: 'text-xs' },
      cell: ({ getValue }) => {
        const source = getValue()
        const connection = connectionOf(source)
        return (
          <>
            {connection ? <Link to={`/connections/${connection.id}`}>{connection.name}</Link> : source}
            <span className="block text-slate-500">{source.split('/').pop()}</span>
          </>
        )
      },
    }),
    helper.accessor('versions', { header: 'Versions' }),
    helper.accessor('updated_at', {
      header: 'Changed',
      meta: { cellClassName: 'text-slate-500 text-xs' },
      cell: ({ getValue }) => ago(getValue()),
    }),
  ])
}

const entityKey = (e: Entity) => `${e.entity}:${e.source}:${e.external_id}`

const backfill = () => api('/v1/dcl/backfill', { method: 'POST' })

function FeedSwitch() {
  const enable = useAction(async () => {
    await api('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', body: { value: true } })
    return backfill()
  })
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      The DCL reads each connection directly after its sync (flag <code>USE_AAM_AS_SOURCE</code> is off). Turn the flag
      on to build it from the API Mesh’s canonical event stream instead; turning it on also sends what is already
      stored, and nothing read so far is lost or counted twice.
      <div className="mt-2">
        <Button busy={enable.busy} onClick={() => void enable.run()}>
          Feed the DCL from the API Mesh
        </Button>
      </div>
      <ProblemNote error={enable.error} />
    </div>
  )
}

function BackfillButton({ feeding }: { feeding: boolean }) {
  const run = useAction(backfill)
  return (
    <div>
      <Button variant="secondary" busy={run.busy} onClick={() => void run.run()}>
        {feeding ? 'Send stored records again' : 'Read every connection again'}
      </Button>
      <ProblemNote error={run.error} />
    </div>
  )
}

export default function EntitiesPage() {
  const { page, connections, feeding, views } = useLoaderData<typeof clientLoader>()
  const [params, setParams] = useSearchParams()
  useRevalidateOn(['aos.dcl.entities.updated', 'aos.flag.changed'])
  const counts = CANONICAL_ENTITIES.map((entity) => ({ entity, count: page.counts[entity] ?? 0 }))
  const columns = useMemo(() => entityColumns(connections), [connections])
  const table = useTable({ features, columns, data: page.data, getRowId: entityKey, enableSorting: false })
  return (
    <>
      <PageHeader
        title="Unified Entities"
        description="What the Data Connection Layer built from your sources (the API Mesh’s canonical event stream, or its own reads of each connection while USE_AAM_AS_SOURCE is off): the newest version of every account, contact, opportunity and record, and below, each entity's unified view merging the records of all sources."
        actions={<BackfillButton feeding={feeding} />}
      />
      {!feeding && <FeedSwitch />}
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Widget id="entities.counts" title="Entities by type">
          <ChartFrame height={200}>
            <BarChart data={counts}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="entity" {...axis} />
              <YAxis allowDecimals={false} width={40} {...axis} />
              <Tooltip {...tooltip} />
              <Bar isAnimationActive={false} dataKey="count" fill={COLORS.purple} radius={[4, 4, 0, 0]} />
            </BarChart>
          </ChartFrame>
        </Widget>
        <Widget
          id="entities.list"
          title="Newest changes"
          className="lg:col-span-2"
          actions={
            <Field label="Type">
              <Select
                value={params.get('entity') ?? ''}
                onChange={(e) => setParams(e.target.value ? { entity: e.target.value } : {})}
              >
                <option value="">All</option>
                {CANONICAL_ENTITIES.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </Select>
            </Field>
          }
        >
          {page.data.length === 0 ? (
            <div className="py-8 text-center text-slate-500">
              <Boxes className="mx-auto mb-2 size-8" aria-hidden />
              No entities yet.{' '}
              <Link to="/connections" className="text-blue-600 underline">
                Sync a connection
              </Link>
              : the DCL picks up every sync.
            </div>
          ) : (
            <div className="overflow-x-auto">
              <DataTable
                table={table}
                testId="entities"
                headClassName="text-slate-500 text-xs uppercase"
                rowProps={() => ({ className: 'border-slate-100 border-t dark:border-slate-800' })}
              />
            </div>
          )}
        </Widget>
      </div>
      <UnifiedView views={views} version={page} />
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
