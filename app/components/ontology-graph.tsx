import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { useEffect, useRef } from 'react'
import type { OntologyGraph } from '../lib/types.ts'

const KIND_STYLE = {
  source: { color: '#2563eb', shape: 'round-rectangle', size: 46 },
  stream: { color: '#7c3aed', shape: 'rectangle', size: 36 },
  field: { color: '#64748b', shape: 'ellipse', size: 16 },
  entity: { color: '#059669', shape: 'hexagon', size: 56 },
} as const

/** Nodes and edges as cytoscape elements; fields (and their edges) left out unless asked for. */
function elementsOf(graph: OntologyGraph, showFields: boolean): ElementDefinition[] {
  const fieldsOf = new Map<string, string>() // a field → its stream, to draw a hidden field's edges from the stream
  for (const e of graph.edges) if (e.kind === 'has_field') fieldsOf.set(e.target, e.source)
  const shown = (id: string) => (showFields || !fieldsOf.has(id) ? id : (fieldsOf.get(id) as string))
  const nodes = graph.nodes
    .filter((n) => showFields || n.kind !== 'field')
    .map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } }))
  const seen = new Set<string>()
  const edges: ElementDefinition[] = []
  for (const e of graph.edges) {
    if (!showFields && e.kind === 'has_field') continue
    const source = shown(e.source)
    const target = shown(e.target)
    const id = `${e.kind}:${source}->${target}:${showFields ? e.label : ''}`
    if (seen.has(id)) continue
    seen.add(id)
    edges.push({
      data: {
        id,
        source,
        target,
        kind: e.kind,
        label: showFields ? (e.label ?? '') : '',
        proposed: e.detail.status === 'proposed' ? 'yes' : 'no',
      },
    })
  }
  return [...nodes, ...edges]
}

type Props = {
  graph: OntologyGraph
  showFields: boolean
  dark: boolean
  selected: string | null
  onSelect: (id: string | null) => void
}

/**
 * The graph drawn with Cytoscape.js: pan and zoom with the mouse or trackpad, click a node for its
 * details; the clicked node's paths (everything upstream and downstream of it) stay lit, the rest dims.
 */
/** The legend's swatches use the drawing's own colours. */
export const KIND_COLORS = Object.fromEntries(Object.entries(KIND_STYLE).map(([k, v]) => [k, v.color]))

export function OntologyGraphCanvas({ graph, showFields, dark, selected, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const cy = useRef<Core | null>(null)
  const select = useRef(onSelect)
  select.current = onSelect

  useEffect(() => {
    if (!container.current) return
    const text = dark ? '#e2e8f0' : '#0f172a'
    const instance = cytoscape({
      container: container.current,
      elements: elementsOf(graph, showFields),
      wheelSensitivity: 0.3,
      style: [
        ...Object.entries(KIND_STYLE).map(([kind, s]) => ({
          selector: `node[kind="${kind}"]`,
          style: { 'background-color': s.color, shape: s.shape, width: s.size, height: s.size },
        })),
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            color: text,
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#94a3b8',
            'target-arrow-color': '#94a3b8',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-size': 9,
            color: text,
            'text-rotation': 'autorotate',
          },
        },
        {
          selector: 'edge[kind="maps_to"]',
          style: { 'line-color': '#059669', 'target-arrow-color': '#059669', width: 2.5 },
        },
        { selector: 'edge[proposed="yes"]', style: { 'line-style': 'dashed' } },
        {
          selector: 'edge[kind="references"]',
          style: { 'line-color': '#d97706', 'target-arrow-color': '#d97706', 'line-style': 'dotted' },
        },
        { selector: '.dimmed', style: { opacity: 0.15 } },
        { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
      ],
      // Force-directed: fields gather round their stream, streams round their source, entities between.
      layout: {
        name: 'cose',
        animate: false,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => (showFields ? 50 : 110),
        nodeRepulsion: () => (showFields ? 6000 : 20000),
        padding: 20,
      },
    })
    instance.on('tap', 'node', (event) => select.current(event.target.id()))
    instance.on('tap', (event) => {
      if (event.target === instance) select.current(null)
    })
    cy.current = instance
    return () => {
      instance.destroy()
      cy.current = null
    }
  }, [graph, showFields, dark])

  useEffect(() => {
    const instance = cy.current
    if (!instance) return
    instance.elements().removeClass('dimmed focus')
    const node = selected ? instance.getElementById(selected) : null
    if (!node || node.empty()) return
    const path = node.union(node.predecessors()).union(node.successors())
    instance.elements().not(path).addClass('dimmed')
    node.addClass('focus')
  }, [selected])

  return (
    <div className="relative">
      <div
        ref={container}
        data-testid="ontology-graph"
        className="h-[560px] w-full rounded-xl border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
        // The drawing is for the eye; the node list beside it carries the same for a screen reader.
        aria-hidden
      />
      <button
        type="button"
        className="absolute top-2 right-2 rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
        onClick={() => cy.current?.fit(undefined, 30)}
      >
        Fit to view
      </button>
    </div>
  )
}
