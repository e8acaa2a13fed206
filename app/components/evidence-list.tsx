import { cn } from '../lib/cn.ts'

/** Why a suggestion or repair was proposed, in words, one reason a line; nothing when there is none. */
export function EvidenceList({ evidence, className }: { evidence: string[]; className?: string }) {
  if (evidence.length === 0) return null
  return (
    <ul className={cn('list-disc pl-5', className)}>
      {evidence.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}
