import type { Stream } from '../lib/types.ts'
import { Badge } from './badge.tsx'

type Field = NonNullable<Stream['schema']>[number]
type Profile = Record<string, unknown>

const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/** Share of records with a value, as a bar and a percentage. */
function FillBar({ profile }: { profile: Profile | undefined }) {
  if (!profile) return null
  const total = num(profile.present) + num(profile.nulls) + num(profile.missing)
  const share = total === 0 ? 0 : num(profile.present) / total
  return (
    <span className="inline-flex items-center gap-2" title={`${profile.present} of ${total} records have a value`}>
      <span className="h-1.5 w-16 overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
        <span className="block h-full bg-emerald-500" style={{ width: `${share * 100}%` }} />
      </span>
      {Math.round(share * 100)}%
    </span>
  )
}

/** An inferred schema with its field profiles: type, nullability, fill rate, distinct values, samples. */
export function SchemaTable({ schema, profile }: { schema: Field[]; profile: Profile[] | null }) {
  const byPath = new Map((profile ?? []).map((p) => [String(p.path), p]))
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500 text-xs uppercase">
          <tr>
            <th className="py-1 pr-3">Field</th>
            <th className="py-1 pr-3">Type</th>
            <th className="py-1 pr-3">Nullable</th>
            <th className="py-1 pr-3">Filled</th>
            <th className="py-1 pr-3">Distinct</th>
            <th className="py-1">Samples</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {schema.map((f) => {
            const p = byPath.get(f.path)
            return (
              <tr key={f.path}>
                <td className="py-1 pr-3 font-mono">{f.path}</td>
                <td className="py-1 pr-3">
                  <Badge tone="blue">{f.type}</Badge>
                </td>
                <td className="py-1 pr-3">{f.nullable ? 'yes' : 'no'}</td>
                <td className="py-1 pr-3">
                  <FillBar profile={p} />
                </td>
                <td className="py-1 pr-3">
                  {p ? `${p.distinct}${p.distinctCapped ? '+' : ''}` : ''}
                  {p?.min !== undefined && (
                    <span className="block text-slate-500 text-xs">
                      {String(p.min)} … {String(p.max)}
                    </span>
                  )}
                </td>
                <td className="max-w-64 truncate py-1 font-mono text-slate-500 text-xs">
                  {(f.samples ?? [])
                    .slice(0, 3)
                    .map((s) => JSON.stringify(s))
                    .join(', ')}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
