// What each source's fields look like, read from all of its records at once: the day/month order of its
// numeric dates, and whether it writes a whole person name into one name field. Per-record parsing
// cannot tell 03/04/1970 apart, nor "Isaac Webb" in a first-name field from a double first name.
import { type DayMonthOrder, inferDayMonthOrder } from './dates.ts'
import { personNameWords } from './names.ts'
import type { FieldRole, FieldRoles, ResolutionRecord } from './roles.ts'
import { isPresent } from './text.ts'

export type SourceLayout = {
  /** Order of day and month in this source's numeric dates, when its values settle it. */
  readonly dateOrder?: DayMonthOrder
  /** The name field that holds whole names in this source (the other name field being empty). */
  readonly fullNameIn?: 'given_name' | 'family_name'
}

type Tally = { dates: string[]; named: number; given: number; family: number; givenMulti: number; familyMulti: number }

function firstValue(record: ResolutionRecord, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const raw = record.fields[field]
    if (isPresent(raw)) return raw
  }
  return undefined
}

export function inferSourceLayouts(records: readonly ResolutionRecord[], roles: FieldRoles): Map<string, SourceLayout> {
  const fieldsOf = (role: FieldRole) =>
    Object.entries(roles)
      .filter(([, r]) => r === role)
      .map(([field]) => field)
  const dateFields = fieldsOf('birth_date')
  const givenFields = fieldsOf('given_name')
  const familyFields = fieldsOf('family_name')
  const tallies = new Map<string, Tally>()
  for (const record of records) {
    let t = tallies.get(record.source)
    if (!t) {
      t = { dates: [], named: 0, given: 0, family: 0, givenMulti: 0, familyMulti: 0 }
      tallies.set(record.source, t)
    }
    const date = firstValue(record, dateFields)
    if (date !== undefined) t.dates.push(date)
    const given = firstValue(record, givenFields)
    const family = firstValue(record, familyFields)
    if (given === undefined && family === undefined) continue
    t.named++
    if (given !== undefined) {
      t.given++
      if (family === undefined && personNameWords(given).length >= 2) t.givenMulti++
    }
    if (family !== undefined) {
      t.family++
      if (given === undefined && personNameWords(family).length >= 2) t.familyMulti++
    }
  }
  const layouts = new Map<string, SourceLayout>()
  for (const [source, t] of tallies) {
    const dateOrder = inferDayMonthOrder(t.dates)
    // A field that is (almost) never filled while the other mostly holds two or more words.
    const fullNameIn =
      t.named >= 5 && t.family <= 0.05 * t.named && t.givenMulti >= 0.5 * t.given
        ? 'given_name'
        : t.named >= 5 && t.given <= 0.05 * t.named && t.familyMulti >= 0.5 * t.family
          ? 'family_name'
          : undefined
    layouts.set(source, { ...(dateOrder ? { dateOrder } : {}), ...(fullNameIn ? { fullNameIn } : {}) })
  }
  return layouts
}
