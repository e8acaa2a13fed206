// Reads a mapped source field. A key that literally contains dots wins (CSV headers such as
// "Account.Name" are flat), otherwise the path walks nested objects and array indexes ("items.0.sku").

export function readSourcePath(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path]
  let current: unknown = record
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}
