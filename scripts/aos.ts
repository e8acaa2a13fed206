// AutonomOS command-line tools (Node). Thin I/O shell around the pure domain code in workers/core.
//   aos drift OLD.json NEW.json   classified schema diff as JSON
//   aos fingerprint SCHEMA.json   canonical schema fingerprint as JSON
//   aos redact < IN.jsonl         PII spans per {"id","text"} line, as JSON lines
//   aos resolve RECORDS.jsonl     clusters of records that are one entity, as JSON
//   aos search CORPUS QUERIES     hybrid retrieval over an embedded knowledge base, one ranking per query
//   aos map SOURCE.json TARGET.json  source field -> target field suggestions as JSON
// Exit codes: 0 ok, 2 usage or input error (message on stderr), 1 unexpected failure.
import { readFileSync } from 'node:fs'
import { AUTO_APPLY_THRESHOLD } from '../workers/core/aam/drift/auto-apply.ts'
import { classifyDrift } from '../workers/core/aam/drift/classify.ts'
import { fingerprintSchema } from '../workers/core/aam/fingerprint.ts'
import { type Snapshot, SnapshotSchema } from '../workers/core/aam/schema-snapshot.ts'
import { matchSchemas } from '../workers/core/dcl/mapping/match-schemas.ts'
import { KB_SEARCH_MODES, type KbSearchMode } from '../workers/core/nlp/kb/document.ts'
import type { FusionOptions } from '../workers/core/nlp/kb/fusion.ts'
import { redactJsonl } from './lib/redact-jsonl.ts'
import { resolveJsonl } from './lib/resolve-jsonl.ts'
import type { SearchCliOptions } from './lib/search-jsonl.ts'

const USAGE = `usage: aos <command> [args]

commands:
  drift OLD.json NEW.json   classify the drift between two schema snapshots; prints
                            {"auto_apply_threshold": T, "changes": [{kind, path, from?, to?,
                            severity, confidence?}]}; renames with confidence >= T are the
                            ones the product applies without review
  fingerprint SCHEMA.json   canonical, order-independent SHA-256 of a snapshot; prints
                            {"fingerprint": "<hex>", "fields": N}
  map [--explain] SOURCE.json TARGET.json
                            suggest which target field each source field fills (offline, no LLM);
                            prints [{"source", "target", "confidence"}], at most one target per
                            source and one source per target; sources without a good match are left
                            out. --explain prints the whole result instead: evidence in words,
                            ambiguous pairs with their competing candidates, and why each unmatched
                            field stayed unmatched.
  redact [--include-secrets] [--known-names FILE]  < IN.jsonl
                            reads {"id","text"} lines on stdin and prints one line
                            {"id","spans":[{"start","end","type"}]} per input line (JS string offsets,
                            end exclusive; types EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS,
                            PERSON, and SECRET with --include-secrets). --known-names names a file of
                            names the text may mention (one a line, e.g. a tenant's contacts). A bad
                            line is reported on stderr and skipped; progress and a summary go to stderr.
  resolve RECORDS.jsonl     entity resolution: reads {"id","source","fields"} lines (person fields such
                            as first_name, last_name, birthdate, national_id, street_number, street,
                            address_line2, suburb, postcode, state; null where unknown) and prints
                            {"clusters": [[id, ...], ...]}, every record in exactly one cluster. A bad
                            line is reported on stderr and skipped; a summary goes to stderr.
  search CORPUS.jsonl QUERIES.jsonl [--mode hybrid|fulltext|vector] [--top N]
                            loads {"id","title"?,"text"} documents into an embedded knowledge base
                            (PGlite with pgvector, the project's migrations, the offline embedding),
                            runs each {"id","text"} query and prints one line per query
                            {"query_id","results":[{"id","score"}]}: the top N documents (default 100),
                            each scored by its best chunk. --mode picks the retriever (default hybrid:
                            BM25 and vector candidates fused). Measurement options, defaults as the API:
                            --fusion rrf|score, --vector-weight W (0..1), --chunk-tokens N,
                            --overlap-tokens N. Progress and a summary go to stderr.

A snapshot is a JSON array of {"path", "type", "nullable", "samples"?} with type one of
string, integer, number, boolean, timestamp, date, object, array.

options:
  -h, --help                show this help`

class InputError extends Error {}

function usageError(message: string): never {
  throw new InputError(`${message}\n\n${USAGE}`)
}

/** Reads a file; a missing or unreadable one becomes an InputError naming it. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((e as Error).message)
    throw new InputError(`${file}: cannot read file (${why})`)
  }
}

/** Reads and validates a snapshot file; every problem becomes an InputError naming the file. */
function loadSnapshot(file: string): Snapshot {
  const text = readText(file)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`)
  }
  const parsed = SnapshotSchema.safeParse(data)
  if (parsed.success) return parsed.data
  const entries = Array.isArray(data) ? data : []
  const lines = parsed.error.issues.slice(0, 10).map((issue) => {
    const [index, key] = issue.path
    if (typeof index !== 'number') return `  ${issue.message}`
    const entry: unknown = entries[index]
    const path =
      entry !== null && typeof entry === 'object' && typeof (entry as { path?: unknown }).path === 'string'
        ? ` (path ${JSON.stringify((entry as { path: string }).path)})`
        : ''
    return key === undefined
      ? `  entry ${index}${path}: ${issue.message}`
      : `  entry ${index}${path}: field "${String(key)}" ${issue.message}`
  })
  const more = parsed.error.issues.length > 10 ? `\n  ... and ${parsed.error.issues.length - 10} more` : ''
  throw new InputError(`${file}: not a valid schema snapshot:\n${lines.join('\n')}${more}`)
}

async function main(argv: readonly string[]): Promise<string> {
  const args = argv.filter((a) => a !== '--')
  if (args.length === 0) usageError('aos: missing command')
  if (args.includes('-h') || args.includes('--help') || args[0] === 'help') return USAGE
  const [command, ...rest] = args
  if (command === 'redact') return redact(rest)
  if (command === 'search') return search(rest)
  const unknownFlag = rest.find((a) => a.startsWith('-') && a !== '-' && !(command === 'map' && a === '--explain'))
  if (unknownFlag) usageError(`aos ${command}: unknown option ${unknownFlag}`)
  switch (command) {
    case 'drift': {
      const [oldFile, newFile] = rest
      if (rest.length !== 2 || !oldFile || !newFile) usageError('aos drift: expected two files, OLD.json and NEW.json')
      const { changes } = classifyDrift(loadSnapshot(oldFile), loadSnapshot(newFile))
      return JSON.stringify({ auto_apply_threshold: AUTO_APPLY_THRESHOLD, changes }, null, 2)
    }
    case 'map': {
      const explain = rest.includes('--explain')
      const files = rest.filter((a) => a !== '--explain')
      const [sourceFile, targetFile] = files
      if (files.length !== 2 || !sourceFile || !targetFile) {
        usageError('aos map: expected two files, SOURCE.json and TARGET.json')
      }
      const result = matchSchemas({ source: loadSnapshot(sourceFile), target: loadSnapshot(targetFile) })
      if (explain) return JSON.stringify(result, null, 2)
      const pairs = result.suggestions.map(({ source, target, confidence }) => ({ source, target, confidence }))
      return JSON.stringify(pairs, null, 2)
    }
    case 'resolve': {
      const [file] = rest
      if (rest.length !== 1 || !file) usageError('aos resolve: expected one file, RECORDS.jsonl')
      resolveJsonl(readText(file), process.stdout, process.stderr)
      return ''
    }
    case 'fingerprint': {
      const [file] = rest
      if (rest.length !== 1 || !file) usageError('aos fingerprint: expected one file, SCHEMA.json')
      return JSON.stringify(await fingerprintSchema(loadSnapshot(file)), null, 2)
    }
    default:
      return usageError(`aos: unknown command ${JSON.stringify(command)}`)
  }
}

async function redact(rest: readonly string[]): Promise<string> {
  let includeSecrets = false
  let knownNames: string[] | undefined
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]
    if (arg === '--include-secrets') includeSecrets = true
    else if (arg === '--known-names') {
      const file = rest[++i]
      if (!file) usageError('aos redact: --known-names needs a file')
      knownNames = readText(file)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    } else usageError(`aos redact: unexpected argument ${JSON.stringify(arg)} (the input is read from stdin)`)
  }
  if (process.stdin.isTTY) usageError('aos redact: pipe JSON lines into stdin, e.g. aos redact < input.jsonl')
  await redactJsonl(process.stdin, process.stdout, process.stderr, {
    includeSecrets,
    ...(knownNames ? { knownNames } : {}),
  })
  return ''
}

// A reader that stops early (`| head`) closes the pipe: that ends the output, it is no failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})
function numberOption(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value)
  if (value === undefined || !Number.isFinite(n) || n < min || n > max)
    usageError(`aos search: ${name} needs a number from ${min} to ${max}`)
  return n
}

async function search(rest: readonly string[]): Promise<string> {
  const files: string[] = []
  const options: SearchCliOptions = { mode: 'hybrid', top: 100, ranking: {} }
  let fusion: 'rrf' | 'score' | undefined
  let vectorWeight: number | undefined
  const chunking: { targetTokens?: number; overlapTokens?: number } = {}
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string
    const value = () => rest[++i]
    if (arg === '--mode') {
      const mode = value()
      if (!KB_SEARCH_MODES.includes(mode as KbSearchMode))
        usageError(`aos search: --mode must be one of ${KB_SEARCH_MODES.join(', ')}`)
      options.mode = mode as KbSearchMode
    } else if (arg === '--top') options.top = numberOption('--top', value(), 1, 1000)
    else if (arg === '--fusion') {
      const f = value()
      if (f !== 'rrf' && f !== 'score') usageError('aos search: --fusion must be rrf or score')
      fusion = f
    } else if (arg === '--vector-weight') vectorWeight = numberOption('--vector-weight', value(), 0, 1)
    else if (arg === '--chunk-tokens') chunking.targetTokens = numberOption('--chunk-tokens', value(), 16, 8192)
    else if (arg === '--overlap-tokens') chunking.overlapTokens = numberOption('--overlap-tokens', value(), 0, 4096)
    else if (arg.startsWith('-')) usageError(`aos search: unknown option ${arg}`)
    else files.push(arg)
  }
  const [corpusFile, queriesFile] = files
  if (files.length !== 2 || !corpusFile || !queriesFile)
    usageError('aos search: expected two files, CORPUS.jsonl and QUERIES.jsonl')
  if (fusion !== undefined || vectorWeight !== undefined) {
    const w = vectorWeight ?? 0.25
    const weights = { fulltext: 1 - w, vector: w }
    options.ranking.fusion = (
      fusion === 'rrf' ? { method: 'rrf', weights } : { method: 'score', weights }
    ) satisfies FusionOptions
  }
  if (Object.keys(chunking).length > 0) options.chunking = chunking
  const corpus = { file: corpusFile, content: readText(corpusFile) }
  const queries = { file: queriesFile, content: readText(queriesFile) }
  // Loaded on demand: the database stack would slow every other command's start.
  const { JsonlLineError, searchJsonl } = await import('./lib/search-jsonl.ts')
  try {
    await searchJsonl(corpus, queries, options, process.stdout, process.stderr)
  } catch (e) {
    if (e instanceof JsonlLineError) throw new InputError(`aos search: ${e.message}`)
    throw e
  }
  return ''
}

main(process.argv.slice(2)).then(
  (out) => {
    if (out) process.stdout.write(`${out}\n`)
  },
  (e: unknown) => {
    if (e instanceof InputError) {
      process.stderr.write(`${e.message.startsWith('aos') ? '' : 'aos: '}${e.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`aos: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 1
    }
  },
)
