import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every `set_config(...)` call in `text`, up to its matching parenthesis. */
function setConfigCalls(text: string): string[] {
  return [...text.matchAll(/set_config\(/g)].map((match) => {
    let depth = 0
    for (let i = match.index; i < text.length; i++) {
      if (text[i] === '(') depth++
      if (text[i] === ')' && --depth === 0) return text.slice(match.index, i + 1)
    }
    return text.slice(match.index)
  })
}

/**
 * Supabase's pooler (transaction mode, like Neon's) hands each transaction a different server
 * connection: a session-level setting would leak to another tenant's transaction or be missing from the
 * next one. So everything the Worker sets on a connection must be local to its transaction.
 */
describe('settings the Worker puts on a database connection', () => {
  const files = [...sources(join(ROOT, 'workers')), ...sources(join(ROOT, 'durable-objects'))].map((path) => ({
    file: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }))

  it('are all transaction-local: set_config(..., true), never SET, a session advisory lock or a named prepared statement', () => {
    const calls = files.flatMap(({ file, text }) => setConfigCalls(text).map((call) => ({ file, call })))
    expect(calls.length).toBeGreaterThanOrEqual(7)
    const sessionStatements = files.flatMap(({ file, text }) =>
      [
        ...text.matchAll(
          /sql`\s*(set\s+(session\s+)?(role|[a-z_]+\.[a-z_]+|search_path)\b|select\s+pg_advisory_lock)/gi,
        ),
      ].map((m) => `${file}: ${m[0]}`),
    )
    // drizzle names a prepared statement only when asked to (`.prepare(name)`); the pooler would lose it.
    const namedStatements = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\.prepare\(/g)].map(() => `${file}: .prepare(`),
    )
    const offending = [
      ...calls.filter(({ call }) => !/,\s*true\s*\)$/.test(call)).map(({ file, call }) => `${file}: ${call}`),
      ...sessionStatements,
      ...namedStatements,
    ]
    expect(offending).toEqual([])
  })

  it('are made, tenant scope and role included, by every transaction withScope opens', () => {
    const calls = setConfigCalls(files.find((f) => f.file === 'workers/adapters/db/client.ts')?.text ?? '')
    for (const setting of ['app.tenant_id', 'app.user_id', 'role']) {
      expect(
        calls.filter((call) => call.startsWith(`set_config('${setting}', `) && call.endsWith(', true)')),
      ).toHaveLength(1)
    }
  })
})
