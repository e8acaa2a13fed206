// The console's API types, generated from the OpenAPI document (written first by scripts/openapi-spec.ts):
// `tsx scripts/contract-types.ts` rewrites workers/contract/openapi.gen.ts; `--check` fails if it is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'

const ROOT = join(import.meta.dirname, '..')
const SPEC = join(ROOT, 'node_modules/.cache/aos/openapi.json')
const OUT = join(ROOT, 'workers/contract/openapi.gen.ts')
const HEADER = `// Generated from the API's OpenAPI document by \`npm run contract:generate\`; do not edit.
// \`npm run lint:api\` fails when it differs from what the routes declare.

`

// Silent: `redocly lint` reports on the document (with the exceptions in .redocly.lint-ignore.yaml).
const types = HEADER + astToString(await openapiTS(readFileSync(SPEC, 'utf8'), { silent: true }))

if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== types) {
    console.error(`${OUT} is out of date with the routes: run \`npm run contract:generate\` and commit it.`)
    process.exit(1)
  }
} else {
  writeFileSync(OUT, types)
  console.log(`API types written to ${OUT}`)
}
