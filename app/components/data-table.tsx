import {
  createColumnHelper,
  createSortedRowModel,
  type Header,
  metaHelper,
  type ReactTable,
  type RowData,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table'
import { ArrowDown, ArrowUp } from 'lucide-react'
import type { HTMLAttributes } from 'react'

/** A column's classes: its header cell's and its body cells'. */
type ColumnMeta = { headerClassName?: string; cellClassName?: string }

/** What the console's tables register: column classes, and click-to-sort for those that leave sorting on. */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnMeta: metaHelper<ColumnMeta>(),
})
type Features = typeof features

export const columnHelper = <TData extends RowData>() => createColumnHelper<Features, TData>()

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const

function HeaderCell<TData extends RowData>({
  table,
  header,
}: {
  table: ReactTable<Features, TData>
  header: Header<Features, TData, unknown>
}) {
  const { column } = header
  const className = column.columnDef.meta?.headerClassName
  if (!column.getCanSort())
    return (
      <th className={className}>
        <table.FlexRender header={header} />
      </th>
    )
  const sorted = column.getIsSorted()
  return (
    <th className={className} aria-sort={sorted ? ARIA_SORT[sorted] : 'none'}>
      <button
        type="button"
        className="inline-flex items-center gap-1 font-bold"
        onClick={column.getToggleSortingHandler()}
      >
        <table.FlexRender header={header} />
        {sorted === 'asc' && <ArrowUp className="size-3" aria-hidden />}
        {sorted === 'desc' && <ArrowDown className="size-3" aria-hidden />}
      </button>
    </th>
  )
}

/** A TanStack table as markup: header and body classes from the caller, cell classes from each column. */
export function DataTable<TData extends RowData>({
  table,
  testId,
  headClassName,
  bodyClassName,
  limit,
  rowProps,
}: {
  table: ReactTable<Features, TData>
  testId: string
  headClassName: string
  bodyClassName?: string
  /** Render only the first `limit` rows (after sorting). */
  limit?: number
  rowProps?: (row: TData) => HTMLAttributes<HTMLTableRowElement>
}) {
  return (
    // Wide tables scroll inside their card rather than widening the page on a phone.
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className={headClassName}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} table={table} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody className={bodyClassName}>
          {table
            .getRowModel()
            .rows.slice(0, limit)
            .map((row) => (
              <tr key={row.id} {...rowProps?.(row.original)}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.cellClassName}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  )
}
