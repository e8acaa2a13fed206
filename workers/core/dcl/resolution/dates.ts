// Dates written any common way, as comparable YYYYMMDD strings. A date like 03/04/1970 reads as 3 April or
// 4 March; the order a source uses is inferred from its other dates (a 25/12/1970 settles it), and where
// nothing settles it both readings are kept, so a comparison can take the one that agrees.
import { wholeNumber } from './text.ts'

/** Which comes first in a numeric date with the year last. */
export type DayMonthOrder = 'dmy' | 'mdy'

export type NormalisedDate = {
  /** YYYYMMDD; more than one when day and month, or the century of a two-digit year, are open. */
  readonly readings: readonly string[]
  /** The year of the first reading. */
  readonly year: number
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
}

export type DateOptions = {
  /** Order of day and month in numeric dates with the year last; unknown keeps both readings. */
  order?: DayMonthOrder | undefined
  /**
   * Two-digit years after this one are 19xx; up to it they may be either (a birth in '25 is 1925 or
   * 2025), so both readings are kept, 20xx first.
   */
  twoDigitYearPivot?: number
}

const pad = (n: number) => String(n).padStart(2, '0')
const reading = (y: number, m: number, d: number) => `${y}${pad(m)}${pad(d)}`
const validDay = (n: number) => n >= 1 && n <= 31
const validMonth = (n: number) => n >= 1 && n <= 12

function fullYears(token: string, pivot: number): number[] {
  const n = Number(token)
  if (token.length > 2) return [n]
  return n <= pivot ? [2000 + n, 1900 + n] : [1900 + n]
}

/**
 * The date a value spells, or undefined when it is no date. Understands ISO (with or without a time),
 * YYYYMMDD, DD/MM/YYYY and MM/DD/YYYY (any of / - . or space, two-digit years too) and month names
 * ("5 Jan 1970", "January 5th, 1970", "05-JAN-70"). A value with an impossible month or day (a typo)
 * keeps its digits as written, so it can still be compared digit by digit.
 */
export function parseDate(raw: string, options: DateOptions = {}): NormalisedDate | undefined {
  const pivot = options.twoDigitYearPivot ?? 30
  const text = wholeNumber(raw)
    .trim()
    .toLowerCase()
    .replace(/t\d{1,2}:\d{2}.*$/, '')
  if (text === '') return undefined
  const parts = text.match(/\d+|[a-z]+/g) ?? []
  const numbers = parts.filter((p) => /^\d/.test(p))
  const monthWord = parts.map((p) => MONTHS[p]).find((m) => m !== undefined)

  if (monthWord !== undefined) {
    const yearAt = numbers.findIndex((n) => n.length >= 3 || Number(n) > 31)
    const yearToken = yearAt >= 0 ? numbers[yearAt] : numbers.length === 2 ? numbers[1] : undefined
    const dayToken = numbers.find((_, i) => i !== (yearAt >= 0 ? yearAt : 1))
    if (yearToken === undefined || dayToken === undefined) return undefined
    const years = fullYears(yearToken, pivot)
    return { readings: years.map((y) => reading(y, monthWord, Number(dayToken))), year: years[0] ?? 0 }
  }

  if (numbers.length === 1) return compactDate(numbers[0] ?? '', options.order)
  if (numbers.length !== 3) return undefined
  const [first = '', second = '', third = ''] = numbers
  if (first.length === 4) {
    const year = Number(first)
    return { readings: [reading(year, Number(second), Number(third))], year }
  }
  const years = fullYears(third, pivot)
  return {
    readings: years.flatMap((y) => dayMonthReadings(y, Number(first), Number(second), options.order)),
    year: years[0] ?? 0,
  }
}

/** Readings of "A/B/year": both orders unless the values or the source's order settle it. */
function dayMonthReadings(year: number, a: number, b: number, order: DayMonthOrder | undefined): string[] {
  const dmy = reading(year, b, a)
  const mdy = reading(year, a, b)
  const dmyValid = validDay(a) && validMonth(b)
  const mdyValid = validMonth(a) && validDay(b)
  if (a === b) return [dmy]
  if (dmyValid && !mdyValid) return [dmy]
  if (mdyValid && !dmyValid) return [mdy]
  if (order === 'dmy') return [dmy]
  if (order === 'mdy') return [mdy]
  return [dmy, mdy]
}

/** YYYYMMDD, or an 8-digit date with the year last (DDMMYYYY / MMDDYYYY). */
function compactDate(digits: string, order: DayMonthOrder | undefined): NormalisedDate | undefined {
  if (digits.length !== 8) return undefined
  const head = Number(digits.slice(0, 4))
  if (head >= 1800 && head <= 2199) return { readings: [digits], year: head }
  const year = Number(digits.slice(4))
  if (year < 1800 || year > 2199) return undefined
  return {
    readings: dayMonthReadings(year, Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), order),
    year,
  }
}

/**
 * The day/month order a source writes numeric dates in, from its values: a first number over 12 means
 * day first, a second over 12 month first. Undefined when the values do not say, or say both.
 */
export function inferDayMonthOrder(values: Iterable<string>): DayMonthOrder | undefined {
  let dayFirst = 0
  let monthFirst = 0
  for (const value of values) {
    const m = /^\s*(\d{1,2})\D+(\d{1,2})\D+\d{2,4}\s*$/.exec(value)
    if (!m) continue
    const a = Number(m[1])
    const b = Number(m[2])
    if (a > 12 && b <= 12) dayFirst++
    else if (b > 12 && a <= 12) monthFirst++
  }
  if (dayFirst > 0 && monthFirst === 0) return 'dmy'
  if (monthFirst > 0 && dayFirst === 0) return 'mdy'
  // A few typos should not undo a clear majority.
  if (dayFirst >= 10 * monthFirst && dayFirst >= 5) return 'dmy'
  if (monthFirst >= 10 * dayFirst && monthFirst >= 5) return 'mdy'
  return undefined
}
