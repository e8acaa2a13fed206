// The field a connection declares as its records' key (a file's `primary_key`, a table's primary key)
// identifies the entity in that source: it is the entity's external_id, whatever its name says
// (`account_id` on an account stream reads like another system's id to the name matcher).
import type { Question, SettledSuggestion } from './ambiguity.ts'

type Split = { settled: SettledSuggestion[]; questions: Question[]; unmatched: { source: string; reason: string }[] }

export function claimRecordKey(split: Split, key: string | undefined, fields: readonly string[]): Split {
  if (!key || !fields.includes(key)) return split
  const displaced = split.settled.filter((s) => s.source !== key && s.target === 'external_id')
  return {
    settled: [
      ...split.settled.filter((s) => s.source !== key && s.target !== 'external_id'),
      {
        source: key,
        target: 'external_id',
        confidence: 0.95,
        evidence: [`The connection declares ${key} as its records' key.`],
        provenance: 'heuristic',
      },
    ],
    questions: split.questions.filter((q) => q.source !== key),
    unmatched: [
      ...split.unmatched.filter((u) => u.source !== key),
      ...displaced.map((s) => ({ source: s.source, reason: `external_id is ${key}, the connection's declared key` })),
    ],
  }
}
