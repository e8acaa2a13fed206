/** Order statistics for benchmark samples (ms). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

export const progress = (text: string) => process.stderr.write(`\x1b[2m… ${text}\x1b[0m\n`)

/** A benchmark's figures, as the one JSON document on stdout. */
export const printFigures = (figures: Record<string, unknown>) => console.log(JSON.stringify(figures, null, 2))
