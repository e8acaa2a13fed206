// Dotted-path helpers. The root is the empty string, so `parentOf('a') === ''`.

export function segmentsOf(path: string): string[] {
  return path.split('.')
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('.')
  return i < 0 ? '' : path.slice(0, i)
}

export function leafOf(path: string): string {
  const i = path.lastIndexOf('.')
  return i < 0 ? path : path.slice(i + 1)
}

/** True when `path` lies strictly below `prefix` (the root contains every path). */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === '' ? path !== '' : path.length > prefix.length && path.startsWith(`${prefix}.`)
}

/** `path` relative to an ancestor `prefix` (which must contain it). */
export function relativeTo(path: string, prefix: string): string {
  return prefix === '' ? path : path.slice(prefix.length + 1)
}

export function joinPath(prefix: string, rel: string): string {
  if (prefix === '') return rel
  return rel === '' ? prefix : `${prefix}.${rel}`
}

/** Every proper ancestor of `path`, nearest first ('a.b.c' -> ['a.b', 'a']). */
export function ancestorsOf(path: string): string[] {
  const out: string[] = []
  let p = parentOf(path)
  while (p !== '') {
    out.push(p)
    p = parentOf(p)
  }
  return out
}

export function depthOf(path: string): number {
  let n = 1
  for (const ch of path) if (ch === '.') n++
  return n
}
