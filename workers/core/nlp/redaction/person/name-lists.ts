import type { Candidate, PersonContext } from './context.ts'
import type { WordEvidence } from './evidence.ts'
import type { Token } from './tokens.ts'

/**
 * Coordinated runs ("Alice, Bob and Carol", "Jose and Jennifer") share their fate: when one of them is a
 * person the others are too. Except the firm pattern: three or more lone surnames in a row ("Jones,
 * Mitchell and Williams", "Owens, Duran and Oneal") name a partnership, not people.
 */
export function applyNameLists(ctx: PersonContext, runs: Candidate[], threshold: number): void {
  const sorted = [...runs].sort((a, b) => a.first - b.first)
  const groups: Candidate[][] = []
  let group: Candidate[] = []
  for (const run of sorted) {
    const previous = group.at(-1)
    if (previous && coordinated(ctx, previous, run)) group.push(run)
    else {
      if (group.length > 1) groups.push(group)
      group = [run]
    }
  }
  if (group.length > 1) groups.push(group)
  for (const members of groups) {
    if (members.length >= 3 && members.every((m) => loneSurname(ctx, m))) {
      for (const m of members) m.rejected = true
      continue
    }
    if (!members.some((m) => !m.rejected && m.score >= threshold)) continue
    for (const m of members) {
      if (!m.rejected && m.score >= threshold - 2.5) m.score = Math.max(m.score, threshold)
    }
  }
}

/** Whether only a comma, "and", "or", "&" or "/" lies between two runs. */
function coordinated(ctx: PersonContext, a: Candidate, b: Candidate): boolean {
  if (b.first <= a.last) return false
  const between = ctx.tokens.slice(a.last + 1, b.first)
  if (between.length > 1) return false
  if (
    between.length === 1 &&
    !['and', 'or', 'und', 'et', 'y', 'og', 'och', 'en', 'e'].includes((between[0] as Token).key)
  ) {
    return false
  }
  const gap = ctx.text.slice((ctx.tokens[a.last] as Token).end, (ctx.tokens[b.first] as Token).start)
  return /^(?:'s)?\s*(?:,|&|\/|,?\s*(?:and|or|und|et|y|og|och|en|e))?\s*$/i.test(gap) && !/\n/.test(gap)
}

function loneSurname(ctx: PersonContext, run: Candidate): boolean {
  if (run.first !== run.last) return false
  const e = ctx.evidence[run.first] as WordEvidence
  return e.last >= 1 && e.last >= e.first && !e.known
}
