/** One figure with its label, in a card's row of figures. */
export function Stat({ label, value, tone }: { label: string; value: React.ReactNode; tone: string }) {
  return (
    <div className="rounded-xl bg-slate-50 p-3 dark:bg-slate-950">
      <div className="text-slate-500 text-xs">{label}</div>
      <div className={`font-bold text-2xl ${tone}`}>{typeof value === 'number' ? value.toLocaleString() : value}</div>
    </div>
  )
}
