import type { App } from '../app-env.ts'
import { registerAcceptDclMapping } from './dcl/accept-dcl-mapping.ts'
import { registerBackfillDcl } from './dcl/backfill-dcl.ts'
import { registerExportDclView } from './dcl/export-dcl-view.ts'
import { registerGetDclGraph } from './dcl/get-dcl-graph.ts'
import { registerGetDclViewRow } from './dcl/get-dcl-view-row.ts'
import { registerListDclDeadLetters } from './dcl/list-dcl-dead-letters.ts'
import { registerListDclEntities } from './dcl/list-dcl-entities.ts'
import { registerListDclMappingVersions } from './dcl/list-dcl-mapping-versions.ts'
import { registerListDclMappings } from './dcl/list-dcl-mappings.ts'
import { registerListDclViewRows } from './dcl/list-dcl-view-rows.ts'
import { registerListDclViews } from './dcl/list-dcl-views.ts'
import { registerRebuildDclView } from './dcl/rebuild-dcl-view.ts'
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
  registerListDclViews(app)
  registerListDclViewRows(app)
  registerGetDclViewRow(app)
  registerExportDclView(app)
  registerRebuildDclView(app)
}
