import { Link } from 'react-router'
import type { z } from 'zod'
import type { DiscoveredAsset } from '../../workers/contract/aod.ts'
import { ApiProblem, api } from '../lib/api.ts'
import { useAction } from '../lib/use-action.ts'
import { Button } from './button.tsx'
import { ProblemNote } from './problem-note.tsx'

export type Asset = z.infer<typeof DiscoveredAsset>
/** What the page knows of asset discovery: its assets, that it is not connected, or why it failed. */
export type AodState = { assets: Asset[] } | { notConnected: true } | { error: ApiProblem }

/** Loads the discovered assets without failing the page: discovery being down is news for one widget. */
export const loadAodAssets = (): Promise<AodState> =>
  api<{ data: Asset[] }>('/v1/aod/assets').then(
    (r) => ({ assets: r.data }),
    (e: unknown) => {
      if (e instanceof ApiProblem && e.status === 409) return { notConnected: true as const }
      if (e instanceof ApiProblem) return { error: e }
      throw e
    },
  )

export function AodAssets({ state }: { state: AodState }) {
  const importing = useAction((ids: string[]) => api('/v1/aod/import', { body: { asset_ids: ids } }))
  if ('notConnected' in state)
    return (
      <p className="text-slate-500 text-sm">
        Asset discovery is not connected.{' '}
        <Link to="/settings" className="text-blue-600 underline">
          Connect it in Settings
        </Link>{' '}
        to list the sources it found and import them as connections.
      </p>
    )
  if ('error' in state) return <ProblemNote error={state.error} />
  const open = state.assets.filter((a) => a.importable && !a.connection_id)
  return (
    <>
      <ul className="space-y-2 text-sm" data-testid="aod-assets">
        {state.assets.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2" data-asset={a.name}>
            <span className="min-w-0 flex-1">
              <span className="font-semibold">{a.name}</span>
              <span className="block text-slate-500 text-xs">
                {[a.vendor, a.environment, a.owner].filter(Boolean).join(' · ')}
              </span>
            </span>
            {a.connection_id ? (
              <Link to={`/connections/${a.connection_id}`} className="text-blue-600 text-xs">
                Imported: open
              </Link>
            ) : a.importable ? (
              <Button variant="secondary" busy={importing.busy} onClick={() => void importing.run([a.id])}>
                Import as {a.kind}
              </Button>
            ) : (
              <span className="text-slate-500 text-xs">{a.reason}</span>
            )}
          </li>
        ))}
      </ul>
      {open.length > 1 && (
        <Button className="mt-3" busy={importing.busy} onClick={() => void importing.run(open.map((a) => a.id))}>
          Import all {open.length} importable
        </Button>
      )}
      <ProblemNote error={importing.error} />
    </>
  )
}
