import { cn } from '../lib/cn.ts'

const FIELD =
  'w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100'

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string
  error?: string | undefined
  hint?: string
  children: React.ReactNode
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label className="block space-y-1">
      <span className="font-semibold text-slate-700 text-sm dark:text-slate-300">{label}</span>
      {children}
      {hint && !error && <span className="block text-slate-500 text-xs">{hint}</span>}
      {error && <span className="block text-rose-600 text-xs dark:text-rose-400">{error}</span>}
    </label>
  )
}

export const Input = ({ className, ...rest }: React.InputHTMLAttributes<HTMLInputElement>) => (
  <input {...rest} className={cn(FIELD, className)} />
)

export const Select = ({ className, ...rest }: React.SelectHTMLAttributes<HTMLSelectElement>) => (
  <select {...rest} className={cn(FIELD, className)} />
)

export const Textarea = ({ className, ...rest }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <textarea {...rest} className={cn(FIELD, 'font-mono', className)} />
)
