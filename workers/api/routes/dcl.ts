import type { App } from '../app-env.ts'
import { registerAcceptDclMapping } from './dcl/accept-dcl-mapping.ts'
import { registerBackfillDcl } from './dcl/backfill-dcl.ts'
import { registerGetDclGraph } from './dcl/get-dcl-graph.ts'
import { registerListDclDeadLetters } from './dcl/list-dcl-dead-letters.ts'
import { registerListDclEntities } from './dcl/list-dcl-entities.ts'
import { registerListDclMappingVersions } from './dcl/list-dcl-mapping-versions.ts'
import { registerListDclMappings } from './dcl/list-dcl-mappings.ts'
import { registerRejectDclMapping } from './dcl/reject-dcl-mapping.ts'
import { registerReplayDclDeadLetter } from './dcl/replay-dcl-dead-letter.ts'
import { registerRevertDclMapping } from './dcl/revert-dcl-mapping.ts'
import { registerSaveDclMapping } from './dcl/save-dcl-mapping.ts'
import { registerSuggestDclMappings } from './dcl/suggest-dcl-mappings.ts'

export function registerDclRoutes(app: App) {
  registerListDclEntities(app)
  registerListDclDeadLetters(app)
  registerReplayDclDeadLetter(app)
  registerBackfillDcl(app)
  registerListDclMappings(app)
  registerSuggestDclMappings(app)
  registerSaveDclMapping(app)
  registerListDclMappingVersions(app)
  registerAcceptDclMapping(app)
  registerRejectDclMapping(app)
  registerRevertDclMapping(app)
  registerGetDclGraph(app)
}
