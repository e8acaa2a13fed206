import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { Button } from './button.tsx'

/** Copies a secret shown once to the clipboard, and says whether it did (some browsers refuse). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => void copy()}>
        {copied === 'yes' ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        {label}
      </Button>
      <span role="status" className="text-xs">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'The browser refused: select the text and copy it' : ''}
      </span>
    </span>
  )
}
