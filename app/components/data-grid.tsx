import { type Row, useTable } from '@tanstack/react-table'
import { useMemo } from 'react'
import { columnHelper, DataTable, features } from './data-table.tsx'

const SHOWN = 500

type ResultRow = unknown[]
const helper = columnHelper<ResultRow>()

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return 1
  if (b === null || b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

const byValue = (a: Row<typeof features, ResultRow>, b: Row<typeof features, ResultRow>, id: string) =>
  compare(a.getValue(id), b.getValue(id))

/** Query results with click-to-sort columns (nulls last); long results show the first 500 rows. */
export function DataGrid({ columns, rows }: { columns: string[]; rows: ResultRow[] }) {
  const columnDefs = useMemo(
    () =>
      helper.columns(
        columns.map((name, index) =>
          helper.accessor((row) => row[index], {
            id: String(index),
            header: name,
            sortFn: byValue,
            meta: { headerClassName: 'whitespace-nowrap px-3 py-2', cellClassName: 'whitespace-nowrap px-3 py-1' },
            cell: ({ getValue }) => {
              const v = getValue()
              return v === null || v === undefined ? (
                <span className="text-slate-500 dark:text-slate-400">null</span>
              ) : (
                String(v)
              )
            },
          }),
        ),
      ),
    [columns],
  )
  // One column at a time, ascending first, then flipping; never back to unsorted.
  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
  })
  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <DataTable
        table={table}
        testId="results"
        headClassName="sticky top-0 bg-slate-100 text-xs dark:bg-slate-800"
        bodyClassName="divide-y divide-slate-100 font-mono text-xs dark:divide-slate-800"
        limit={SHOWN}
      />
      {rows.length > SHOWN && (
        <p className="p-2 text-slate-500 text-xs">
          Showing {SHOWN} of {rows.length.toLocaleString()} rows; download the CSV for all of them.
        </p>
      )}
    </div>
  )
}
