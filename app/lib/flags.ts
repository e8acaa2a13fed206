// Console feature flags, fixed at build time (Vite inlines `import.meta.env.VITE_*`), so a console can
// be rolled back by rebuilding it, without a backend change. README: Configuration.

/** `false`/`0` (any case, spaces ignored) turn a flag off, anything else set turns it on; unset is the default. */
export function flagOn(value: string | boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  const text = value.trim().toLowerCase()
  if (text === '') return fallback
  return text !== 'false' && text !== '0'
}
