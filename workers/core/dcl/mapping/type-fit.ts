// Can the source's values fill the target field, possibly re-formatted? Same data often changes
// type on the way: a timestamp kept as a date, epoch seconds as a timestamp, cents as an amount,
// a pick-list id as its category, a 0–100 percentage as a probability. Samples settle the cases
// the declared types leave open (a string column of dates, a 0/1 integer flag).
import type { FieldType } from '../../aam/schema-snapshot.ts'
import type { SampleSummary, ValueKind } from './value-kinds.ts'

export interface TypeFit {
  fit: number // 0 cannot hold the data, 1 the same type
  note?: string // the re-formatting, in words
}

const NUMBERS = new Set<FieldType>(['integer', 'number'])
const TIMES = new Set<FieldType>(['date', 'timestamp'])

const share = (s: SampleSummary | null, ...kinds: ValueKind[]) =>
  s ? kinds.reduce((sum, k) => sum + (s.shares.get(k) ?? 0), 0) : undefined

export interface TypeFitInput {
  source: FieldType
  target: FieldType
  samples: SampleSummary | null
  coded: boolean // the source is a pick-list code or id of a category
  measure: boolean // the target holds a money amount
  probability: boolean // the target is a probability or percentage
  reference: boolean // the target is an id: ids are numbers in one system and text in another
}

export function typeFit({ source, target, samples, coded, measure, probability, reference }: TypeFitInput): TypeFit {
  if (source === 'object' || target === 'object') return { fit: source === target ? 0.6 : 0 }
  if (source === 'array' || target === 'array') return { fit: source === target ? 1 : 0.3 }
  if (coded && source !== target && (target === 'string' || NUMBERS.has(target))) {
    return { fit: 0.9, note: 'a pick-list code re-coded as its value' }
  }
  if (source === target) {
    if (probability && samples?.max !== undefined && samples.max > 1 && samples.max <= 100) {
      return { fit: 1, note: '0–100 percentage' }
    }
    return { fit: 1 }
  }
  if (NUMBERS.has(source) && NUMBERS.has(target)) {
    if (measure && source === 'integer' && samples?.max !== undefined && samples.max >= 1000) {
      return { fit: 0.95, note: 'integer amount, possibly in cents' }
    }
    if (probability && samples?.max !== undefined && samples.max > 1 && samples.max <= 100) {
      return { fit: 0.95, note: '0–100 percentage re-scaled to a probability' }
    }
    return { fit: 0.9 }
  }
  if (TIMES.has(source) && TIMES.has(target)) {
    return source === 'timestamp' ? { fit: 0.9, note: 'timestamp kept as a date' } : { fit: 0.85 }
  }
  if (source === 'integer' && TIMES.has(target)) {
    const epochs = share(samples, 'epoch')
    if (epochs === undefined) return { fit: 0.5 }
    return epochs >= 0.6 ? { fit: 0.9, note: 'epoch seconds as a timestamp' } : { fit: 0.05 }
  }
  if (source === 'string' && TIMES.has(target)) {
    const dates = share(samples, 'date', 'timestamp', 'epoch')
    if (dates === undefined) return { fit: 0.6 }
    return dates >= 0.6 ? { fit: 0.9, note: 'date text parsed' } : { fit: 0.05 }
  }
  if (TIMES.has(source) && target === 'string') return { fit: 0.6 }
  if (reference && ((source === 'integer' && target === 'string') || (source === 'string' && target === 'integer'))) {
    return { fit: 0.98 }
  }
  if (NUMBERS.has(source) && target === 'string') return { fit: 0.85 }
  if (source === 'string' && NUMBERS.has(target)) {
    const numeric = share(samples, 'integer', 'decimal', 'percent', 'fraction', 'numeric_id', 'epoch', 'postcode')
    if (numeric === undefined) return { fit: 0.5 }
    return numeric >= 0.6 ? { fit: 0.85, note: 'numbers as text' } : { fit: 0.05 }
  }
  if (target === 'boolean') {
    if (source === 'string') {
      const bools = share(samples, 'boolean')
      if (bools === undefined) return { fit: 0.3 }
      return bools >= 0.8 ? { fit: 0.85, note: 'yes/no text as a flag' } : { fit: 0 }
    }
    if (source === 'integer') {
      const small = samples?.min !== undefined && samples.min >= 0 && (samples.max ?? 2) <= 1
      return samples ? (small ? { fit: 0.85, note: '0/1 as a flag' } : { fit: 0 }) : { fit: 0.3 }
    }
    return { fit: 0 }
  }
  if (source === 'boolean') return { fit: target === 'integer' ? 0.5 : 0.1 }
  return { fit: 0.2 }
}
