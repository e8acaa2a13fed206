// The code that reads each kind of cursor source, one line per kind; each opener lives in the kind's
// folder here. A kind that reads by cursor in the registry and has no line here does not compile.
import type { CursorKind } from '../../core/aam/connectors/registry.ts'
import { openAirbyte } from './airbyte/airbyte-source.ts'
import { openHttpJson } from './http_json/http-json-source.ts'
import { openMongo } from './mongodb/mongodb-source.ts'
import type { Opener } from './opener.ts'
import { openPostgres } from './postgres/postgres-source.ts'
import { openSalesforce } from './salesforce/salesforce-source.ts'

export const OPENERS: Record<CursorKind, Opener> = {
  postgres: openPostgres,
  salesforce: openSalesforce,
  airbyte: openAirbyte,
  mongodb: openMongo,
  http_json: openHttpJson,
}
