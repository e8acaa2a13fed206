import { X } from 'lucide-react'
import { Dialog as Radix } from 'radix-ui'
import { Button } from './button.tsx'

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  children: React.ReactNode
}

export function Dialog({ open, onOpenChange, title, description, children }: Props) {
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <Radix.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-2xl bg-white p-6 shadow-2xl dark:bg-slate-900">
          <Radix.Title className="font-bold text-lg">{title}</Radix.Title>
          {description ? (
            <Radix.Description className="mt-1 text-slate-600 text-sm dark:text-slate-400">
              {description}
            </Radix.Description>
          ) : (
            <Radix.Description className="sr-only">{title}</Radix.Description>
          )}
          <div className="mt-4">{children}</div>
          <Radix.Close aria-label="Close" className="absolute top-4 right-4 rounded p-1 text-slate-500">
            <X className="size-5" />
          </Radix.Close>
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  )
}

/** A dialog's confirming button and its Cancel, side by side. */
export function DialogButtons({ confirm, onCancel }: { confirm: React.ReactNode; onCancel: () => void }) {
  return (
    <div className="mt-3 flex gap-2">
      {confirm}
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  )
}
