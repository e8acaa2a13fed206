// Text that parses as JSON but cannot be stored: Postgres text and jsonb refuse U+0000, and a UTF-16
// surrogate without its pair has no UTF-8 encoding (jsonb refuses its `\ud800` escape). Found up front,
// it is a 400 naming the field instead of a database error deep inside a handler.
const UNSAFE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g')

export const hasUnsafeText = (text: string) => UNSAFE.test(text)

/** The same text with each unsafe character replaced by U+FFFD, safe to echo back (e.g. a bad key in a path). */
export const scrubUnsafeText = (text: string) => text.replace(UNSAFE_ALL, '\uFFFD')

export type JsonPath = (string | number)[]

type Visit = { value: unknown; key: string | number | null; parent: Visit | null }

const pathOf = (visit: Visit): JsonPath => {
  const path: JsonPath = []
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.push(at.key)
  return path.reverse()
}

/**
 * Paths of the strings (values and object keys) in a parsed JSON value that hold U+0000 or a lone
 * surrogate, in document order, at most `limit` of them. Walks with its own stack and parent links,
 * so a deeply nested body neither overflows the call stack nor copies a path per node.
 */
export function unsafeTextPaths(root: unknown, limit = 20): JsonPath[] {
  const found: JsonPath[] = []
  const stack: Visit[] = [{ value: root, key: null, parent: null }]
  while (stack.length > 0 && found.length < limit) {
    const visit = stack.pop() as Visit
    const { value } = visit
    if (typeof value === 'string') {
      if (hasUnsafeText(value)) found.push(pathOf(visit))
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: visit })
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown]
        // A bad key is reported where it stands; its value is still walked (it may hold more).
        stack.push({ value: child, key, parent: visit })
        if (hasUnsafeText(key)) stack.push({ value: key, key, parent: visit })
      }
    }
  }
  return found
}
