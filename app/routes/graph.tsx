import { Network } from 'lucide-react'
import { useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { Badge } from '../components/badge.tsx'
import { KIND_COLORS, OntologyGraphCanvas } from '../components/ontology-graph.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import { useIsDark } from '../lib/theme.ts'
import type { OntologyGraph } from '../lib/types.ts'

export const meta = () => pageTitle('Ontology Graph')

export const clientLoader = () => api<OntologyGraph>('/v1/dcl/graph')

const KIND_LABEL = { source: 'source', stream: 'stream', field: 'field', entity: 'canonical entity' } as const
const EDGE_LABEL = {
  derived_from: 'read from',
  has_field: 'has field',
  maps_to: 'fills',
  references: 'references',
} as const

/** A node's facts and its links in words: what the drawing shows, readable and reachable by keyboard. */
function NodeDetails({ graph, id, onSelect }: { graph: OntologyGraph; id: string; onSelect: (id: string) => void }) {
  const node = graph.nodes.find((n) => n.id === id)
  if (!node) return null
  const label = (nodeId: string) => graph.nodes.find((n) => n.id === nodeId)?.label ?? nodeId
  const links = graph.edges.filter((e) => e.source === id || e.target === id)
  return (
    <div data-testid="graph-details">
      <p className="mb-2 flex items-center gap-2">
        <Badge tone="blue">{KIND_LABEL[node.kind]}</Badge>
        <strong className="break-all">{node.label}</strong>
      </p>
      <dl className="mb-3 grid grid-cols-[8rem_1fr] gap-1 text-sm">
        {Object.entries(node.detail).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600 dark:text-slate-300">{k.replaceAll('_', ' ')}</dt>
            <dd>{String(v ?? '—')}</dd>
          </div>
        ))}
      </dl>
      <ul className="space-y-1 text-sm">
        {links.map((e) => {
          const outgoing = e.source === id
          const other = outgoing ? e.target : e.source
          return (
            <li key={e.id}>
              {outgoing ? EDGE_LABEL[e.kind] : `← ${EDGE_LABEL[e.kind]}`}{' '}
              <button
                type="button"
                className="text-blue-700 underline dark:text-blue-300"
                onClick={() => onSelect(other)}
              >
                {label(other)}
              </button>
              {e.label && <span className="font-mono text-xs"> as {e.label}</span>}
              {e.detail.status === 'proposed' && <Badge tone="amber">proposed</Badge>}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

export default function GraphPage() {
  const graph = useLoaderData<typeof clientLoader>()
  const dark = useIsDark()
  const [selected, setSelected] = useState<string | null>(null)
  const [showFields, setShowFields] = useState((graph.counts.field ?? 0) <= 150)
  useRevalidateOn(['aos.mapping.changed', 'aos.sync.completed', 'aos.drift.detected', 'aos.dcl.entities.updated'])

  if (graph.nodes.length === 0)
    return (
      <>
        <PageHeader title="Ontology Graph" />
        <Widget id="graph.empty" title="Ontology graph">
          <div className="py-8 text-center text-slate-600 dark:text-slate-300">
            <Network className="mx-auto mb-2 size-8" aria-hidden />
            Nothing to draw yet.{' '}
            <Link to="/connections" className="text-blue-700 underline dark:text-blue-300">
              Connect a source
            </Link>{' '}
            and sync it: its streams, fields and mappings appear here, live.
          </div>
        </Widget>
      </>
    )

  return (
    <>
      <PageHeader
        title="Ontology Graph"
        description="Sources, their streams and fields, and the canonical entities they fill. Drag to pan, scroll to zoom, click a node to light up its paths."
      />
      <div className="grid min-w-0 gap-4 lg:grid-cols-3">
        <Widget
          id="graph.canvas"
          title="Graph"
          className="min-w-0 lg:col-span-2"
          actions={
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={showFields} onChange={(e) => setShowFields(e.target.checked)} />
              Show fields ({graph.counts.field ?? 0})
            </label>
          }
        >
          <OntologyGraphCanvas
            graph={graph}
            showFields={showFields}
            dark={dark}
            selected={selected}
            onSelect={setSelected}
          />
          <p className="mt-2 flex flex-wrap gap-3 text-slate-600 text-xs dark:text-slate-300">
            {Object.entries(KIND_LABEL).map(([kind, label]) => (
              <span key={kind} className="inline-flex items-center gap-1">
                <span
                  className="inline-block size-3 rounded-sm"
                  style={{ background: KIND_COLORS[kind] }}
                  aria-hidden
                />
                {label}
              </span>
            ))}
            <span>green line: fills (dashed: proposed)</span>
            <span>dotted amber line: references</span>
          </p>
        </Widget>
        <Widget id="graph.details" title={selected ? 'Details' : 'Nodes'} className="min-w-0">
          {selected ? (
            <>
              <NodeDetails graph={graph} id={selected} onSelect={setSelected} />
              <button
                type="button"
                className="mt-3 text-blue-700 text-sm underline dark:text-blue-300"
                onClick={() => setSelected(null)}
              >
                Back to all nodes
              </button>
            </>
          ) : (
            <ul className="max-h-[520px] space-y-1 overflow-y-auto text-sm" data-testid="graph-nodes">
              {graph.nodes
                .filter((n) => n.kind !== 'field')
                .map((n) => (
                  <li key={n.id}>
                    <button
                      type="button"
                      className="text-left text-blue-700 underline dark:text-blue-300"
                      onClick={() => setSelected(n.id)}
                    >
                      {n.label}
                    </button>{' '}
                    <span className="text-slate-600 text-xs dark:text-slate-300">{KIND_LABEL[n.kind]}</span>
                  </li>
                ))}
            </ul>
          )}
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
