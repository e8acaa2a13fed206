/** Confidence as a bar and a number: a reviewer compares many at a glance. */
export function Confidence({ value }: { value: number }) {
  const percent = Math.round(value * 100)
  return (
    <span className="inline-flex items-center gap-2">
      <span className="h-2 w-16 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden>
        <span className="block h-full bg-blue-600 dark:bg-blue-400" style={{ width: `${percent}%` }} />
      </span>
      <span className="tabular-nums">{percent}%</span>
    </span>
  )
}
