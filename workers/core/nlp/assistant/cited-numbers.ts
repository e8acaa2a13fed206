/**
 * The citations a model's answer uses, in the order they first appear: each `[n]` (or `[n, m]`) whose number
 * is among the passages it was given; any other number is dropped, so an answer points only at what was retrieved.
 */
export function citedNumbers(text: string, known: ReadonlySet<number>): number[] {
  const cited: number[] = []
  for (const [, list] of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g))
    for (const n of (list ?? '').split(',').map(Number)) if (known.has(n) && !cited.includes(n)) cited.push(n)
  return cited
}
