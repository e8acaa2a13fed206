import { ArrowDown, ArrowUp } from 'lucide-react'
import { useMemo, useState } from 'react'

const SHOWN = 500

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return 1
  if (b === null || b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/** Query results with click-to-sort columns (nulls last); long results show the first 500 rows. */
export function DataGrid({ columns, rows }: { columns: string[]; rows: unknown[][] }) {
  const [sort, setSort] = useState<{ index: number; desc: boolean } | null>(null)
  const sorted = useMemo(() => {
    if (!sort) return rows
    const sign = sort.desc ? -1 : 1
    return [...rows].sort((x, y) => sign * compare(x[sort.index], y[sort.index]))
  }, [rows, sort])
  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" data-testid="results">
        <thead className="sticky top-0 bg-slate-100 text-xs dark:bg-slate-800">
          <tr>
            {columns.map((c, index) => (
              <th
                key={c}
                className="whitespace-nowrap px-3 py-2"
                aria-sort={sort?.index === index ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="inline-flex items-center gap-1 font-bold"
                  onClick={() => setSort(sort?.index === index ? { index, desc: !sort.desc } : { index, desc: false })}
                >
                  {c}
                  {sort?.index === index &&
                    (sort.desc ? (
                      <ArrowDown className="size-3" aria-hidden />
                    ) : (
                      <ArrowUp className="size-3" aria-hidden />
                    ))}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-xs dark:divide-slate-800">
          {sorted.slice(0, SHOWN).map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity of their own
            <tr key={i}>
              {row.map((v, j) => (
                <td key={columns[j]} className="whitespace-nowrap px-3 py-1">
                  {v === null || v === undefined ? <span className="text-slate-400">null</span> : String(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <p className="p-2 text-slate-500 text-xs">
          Showing {SHOWN} of {rows.length.toLocaleString()} rows; download the CSV for all of them.
        </p>
      )}
    </div>
  )
}
