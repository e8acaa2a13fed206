// AutonomOS command-line tools (Node). Thin I/O shell around the pure domain code in workers/core.
//   aos drift OLD.json NEW.json   classified schema diff as JSON
//   aos fingerprint SCHEMA.json   canonical schema fingerprint as JSON
//   aos redact < IN.jsonl         PII spans per {"id","text"} line, as JSON lines
//   aos resolve RECORDS.jsonl     clusters of records that are one entity, as JSON
//   aos map SOURCE.json TARGET.json  source field -> target field suggestions as JSON
// Exit codes: 0 ok, 2 usage or input error (message on stderr), 1 unexpected failure.
import { readFileSync } from 'node:fs'
import { classifyDrift } from '../workers/core/aam/drift/classify.ts'
import { fingerprintSchema } from '../workers/core/aam/fingerprint.ts'
import { type Snapshot, SnapshotSchema } from '../workers/core/aam/schema-snapshot.ts'
import { matchSchemas } from '../workers/core/dcl/mapping/match-schemas.ts'
import { redactJsonl } from './lib/redact-jsonl.ts'
import { resolveJsonl } from './lib/resolve-jsonl.ts'

const USAGE = `usage: aos <command> [args]

commands:
  drift OLD.json NEW.json   classify the drift between two schema snapshots; prints
                            {"changes": [{kind, path, from?, to?, severity, confidence?}]}
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
  const unknownFlag = rest.find((a) => a.startsWith('-') && a !== '-' && !(command === 'map' && a === '--explain'))
  if (unknownFlag) usageError(`aos ${command}: unknown option ${unknownFlag}`)
  switch (command) {
    case 'drift': {
      const [oldFile, newFile] = rest
      if (rest.length !== 2 || !oldFile || !newFile) usageError('aos drift: expected two files, OLD.json and NEW.json')
      const result = classifyDrift(loadSnapshot(oldFile), loadSnapshot(newFile))
      return JSON.stringify(result, null, 2)
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
