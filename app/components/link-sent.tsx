import { MailCheck } from 'lucide-react'

/** What a person sees after asking for an emailed link: where to look, and that it works once. */
export function LinkSentNote({ detail }: { detail: string }) {
  return (
    <div role="status" className="flex gap-3 rounded-lg bg-emerald-50 p-3 text-sm dark:bg-emerald-950">
      <MailCheck className="size-5 shrink-0 text-emerald-700 dark:text-emerald-300" aria-hidden />
      <p>{detail} Check your spam folder if it does not arrive within a few minutes.</p>
    </div>
  )
}
