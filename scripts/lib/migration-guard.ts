/**
 * Finds the statements of a migration that can lose data: dropping or truncating a table, dropping or
 * renaming a column (or table), narrowing a column type, or a DELETE without WHERE. Pure: the caller
 * passes the database's current column types so narrowing can be judged against what is there now.
 */

export interface GuardViolation {
  file: string
  statement: string
  reason: string
}

/** `table.column` → current SQL type (as in information_schema, e.g. "integer", "character varying(20)"). */
export type ColumnTypes = ReadonlyMap<string, string>

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '')

/**
 * Splits on drizzle's breakpoints and on top-level semicolons (outside quotes and $$ bodies).
 * Comments go first: a `;` or a quote inside one must not split or open anything.
 */
export function splitStatements(sql: string): string[] {
  const text = stripComments(sql.replaceAll('--> statement-breakpoint', ';'))
  const statements: string[] = []
  let current = ''
  let quote: string | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quote) {
      if (text.startsWith(quote, i)) {
        current += quote
        i += quote.length - 1
        quote = null
        continue
      }
    } else if (text.startsWith('$$', i)) {
      quote = '$$'
      current += '$$'
      i += 1
      continue
    } else if (ch === "'" || ch === '"') {
      quote = ch
    } else if (ch === ';') {
      if (current.trim()) statements.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  if (current.trim()) statements.push(current.trim())
  return statements
}

const ident = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)`
const unquote = (name: string) => name.replace(/^"|"$/g, '').toLowerCase()
const lastPart = (qualified: string) => unquote(qualified.split('.').pop() ?? qualified)

/** Widening steps: a change from a type to one of its listed supertypes never loses data. */
const WIDER: Record<string, string[]> = {
  smallint: ['integer', 'bigint', 'numeric', 'double precision', 'text'],
  integer: ['bigint', 'numeric', 'double precision', 'text'],
  bigint: ['numeric', 'text'],
  real: ['double precision', 'numeric', 'text'],
  'double precision': ['text'],
  numeric: ['text'],
  boolean: ['text'],
  date: ['timestamp without time zone', 'timestamp with time zone', 'text'],
  'timestamp without time zone': ['timestamp with time zone', 'text'],
  'timestamp with time zone': ['text'],
  'character varying': ['text'],
  character: ['character varying', 'text'],
  uuid: ['text'],
  json: ['jsonb', 'text'],
  // information_schema's name for an enum (or another user-defined type): every value has its text.
  'user-defined': ['text'],
}

const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  char: 'character',
  decimal: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
}

function normaliseType(raw: string): { base: string; length?: number } {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ')
  const match = /^([a-z][a-z0-9 ]*?)\s*(?:\((\d+)(?:,\s*\d+)?\))?(\s+with(?:out)? time zone)?$/.exec(text)
  if (!match) return { base: text }
  const base = `${match[1]}${match[3] ?? ''}`.trim()
  return {
    base: ALIASES[base] ?? base,
    ...(match[2] ? { length: Number(match[2]) } : {}),
  }
}

export function isWidening(fromRaw: string, toRaw: string): boolean {
  const from = normaliseType(fromRaw)
  const to = normaliseType(toRaw)
  if (from.base === to.base) {
    if (to.length === undefined) return true
    return from.length !== undefined && to.length >= from.length
  }
  // A bounded target of another base (numeric(5), varchar(10)) may not hold every old value.
  return to.length === undefined && (WIDER[from.base] ?? []).includes(to.base)
}

const alterTable = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${ident}(?:\.${ident})?)\s+([\s\S]*)$`,
  'i',
)
const alterType = new RegExp(
  String.raw`ALTER\s+(?:COLUMN\s+)?(${ident})\s+(?:SET\s+DATA\s+)?TYPE\s+([^,]+?)(?:\s+USING\b[\s\S]*?)?(?:,|$)`,
  'gi',
)
const dropColumn = new RegExp(
  String.raw`(?:^|,)\s*DROP\s+(?!CONSTRAINT\b|DEFAULT\b|NOT\s+NULL\b|IDENTITY\b|EXPRESSION\b)(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?(${ident})`,
  'i',
)

function classify(statement: string, columnTypes: ColumnTypes): string[] {
  const sql = stripComments(statement).replace(/\s+/g, ' ').trim()
  const reasons: string[] = []
  if (/^DROP\s+(TABLE|SCHEMA|DATABASE|MATERIALIZED\s+VIEW)\b/i.test(sql)) reasons.push('drops a table')
  if (/^TRUNCATE\b/i.test(sql)) reasons.push('truncates a table')
  if (/^DELETE\s+FROM\b/i.test(sql) && !/\bWHERE\b/i.test(sql)) reasons.push('deletes without a WHERE')
  const alter = alterTable.exec(sql)
  if (alter) {
    const table = lastPart(alter[1] as string)
    const actions = alter[2] as string
    const dropped = dropColumn.exec(actions)
    if (dropped) reasons.push(`drops column ${table}.${unquote(dropped[1] as string)}`)
    if (/^RENAME\s+TO\b/i.test(actions)) reasons.push(`renames table ${table}`)
    else if (/^RENAME\s+(?!CONSTRAINT\b)/i.test(actions)) reasons.push(`renames a column of ${table}`)
    for (const change of actions.matchAll(alterType)) {
      const column = unquote(change[1] as string)
      const target = (change[2] as string).trim()
      const current = columnTypes.get(`${table}.${column}`)
      // A column that does not exist yet holds no data, so re-typing it cannot lose any.
      if (current && !isWidening(current, target)) {
        reasons.push(`narrows ${table}.${column} from ${current} to ${target}`)
      }
    }
  }
  return reasons
}

/**
 * What a migration declares it loses on purpose: lines `-- intended: <reason as the guard words it>`,
 * reviewed with the migration (a column nothing reads any more). Only the exact reasons are waived.
 */
const intendedLosses = (sql: string) => new Set([...sql.matchAll(/^--\s*intended:\s*(.+?)\s*$/gm)].map((m) => m[1]))

export function findDestructive(file: string, sql: string, columnTypes: ColumnTypes): GuardViolation[] {
  const intended = intendedLosses(sql)
  return splitStatements(sql).flatMap((statement) =>
    classify(statement, columnTypes)
      .filter((reason) => !intended.has(reason))
      .map((reason) => ({ file, statement, reason })),
  )
}
