import { Bool, type Data, Float64, makeData, makeVector, Table, tableToIPC, Utf8 } from 'apache-arrow'
import type { ColumnKind } from '../core/aam/export/record-columns.ts'

type Column = { name: string; kind: ColumnKind }
type Value = number | boolean | string | null

// Arrow's Builders compile their null checks with `new Function`, which Workers forbid; these build the
// buffers directly (validity bitmap, values, offsets) instead.
const bit = (bits: Uint8Array, i: number) => {
  bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7))
}

function validity(values: Value[]) {
  const bitmap = new Uint8Array((values.length + 7) >> 3)
  let nulls = 0
  values.forEach((v, i) => {
    if (v === null) nulls++
    else bit(bitmap, i)
  })
  return { nullBitmap: bitmap, nullCount: nulls }
}

const encoder = new TextEncoder()

function columnData(kind: ColumnKind, values: Value[]): Data {
  const length = values.length
  const valid = validity(values)
  if (kind === 'float') {
    const data = Float64Array.from(values, (v) => (typeof v === 'number' ? v : 0))
    return makeData({ type: new Float64(), length, ...valid, data })
  }
  if (kind === 'bool') {
    const data = new Uint8Array((length + 7) >> 3)
    values.forEach((v, i) => {
      if (v === true) bit(data, i)
    })
    return makeData({ type: new Bool(), length, ...valid, data })
  }
  const bytes = values.map((v) => (typeof v === 'string' ? encoder.encode(v) : new Uint8Array(0)))
  const valueOffsets = new Int32Array(length + 1)
  bytes.forEach((b, i) => {
    valueOffsets[i + 1] = (valueOffsets[i] ?? 0) + b.length
  })
  const data = new Uint8Array(valueOffsets[length] ?? 0)
  bytes.forEach((b, i) => {
    data.set(b, valueOffsets[i])
  })
  return makeData({ type: new Utf8(), length, ...valid, valueOffsets, data })
}

const table = (columns: Column[], values: Value[][]) =>
  new Table(Object.fromEntries(columns.map((c, i) => [c.name, makeVector(columnData(c.kind, values[i] ?? []))])))

/** Pages of typed column arrays (same columns) as one Arrow IPC stream, which DuckDB and pyarrow read directly. */
export function arrowStream(columns: Column[], pages: Value[][][]): Uint8Array<ArrayBuffer> {
  const tables = pages.map((values) => table(columns, values))
  const [first, ...rest] = tables
  return tableToIPC(first ? first.concat(...rest) : table(columns, []), 'stream') as Uint8Array<ArrayBuffer>
}
