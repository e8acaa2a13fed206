import type { App } from '../app-env.ts'
import { registerCreateConnection } from './connections/create-connection.ts'
import { registerDeleteConnection } from './connections/delete-connection.ts'
import { registerDiscoverConnection } from './connections/discover-connection.ts'
import { registerGetConnection } from './connections/get-connection.ts'
import { registerListConnectionFiles } from './connections/list-connection-files.ts'
import { registerListConnections } from './connections/list-connections.ts'
import { registerListConnectors } from './connections/list-connectors.ts'
import { registerPutConnectionCredentials } from './connections/put-connection-credentials.ts'
import { registerSyncConnection } from './connections/sync-connection.ts'
import { registerTestConnection } from './connections/test-connection.ts'
import { registerUpdateConnection } from './connections/update-connection.ts'
import { registerUploadConnectionFile } from './connections/upload-connection-file.ts'
import { registerAcceptStreamDrift } from './streams/accept-stream-drift.ts'
import { registerExportStream } from './streams/export-stream.ts'
import { registerGetQuarantinedRaw } from './streams/get-quarantined-raw.ts'
import { registerListConnectionQuarantine } from './streams/list-connection-quarantine.ts'
import { registerListConnectionStreams } from './streams/list-connection-streams.ts'
import { registerListStreamDrift } from './streams/list-stream-drift.ts'
import { registerListStreamQuarantine } from './streams/list-stream-quarantine.ts'
import { registerListStreamRecords } from './streams/list-stream-records.ts'
import { registerListStreams } from './streams/list-streams.ts'
import { registerPauseStream } from './streams/pause-stream.ts'
import { registerRejectStreamDrift } from './streams/reject-stream-drift.ts'
import { registerReplayQuarantinedRecord } from './streams/replay-quarantined-record.ts'
import { registerResumeStream } from './streams/resume-stream.ts'

export { UPLOAD_PATH } from './connections/upload-connection-file.ts'

export function registerConnectionRoutes(app: App) {
  registerListConnectors(app)
  registerCreateConnection(app)
  registerListConnections(app)
  registerGetConnection(app)
  registerUpdateConnection(app)
  registerDeleteConnection(app)
  registerPutConnectionCredentials(app)
  registerTestConnection(app)
  registerDiscoverConnection(app)
  registerUploadConnectionFile(app)
  registerListConnectionFiles(app)
  registerSyncConnection(app)
  registerListStreams(app)
  registerListConnectionStreams(app)
  registerListStreamDrift(app)
  registerAcceptStreamDrift(app)
  registerRejectStreamDrift(app)
  registerListStreamQuarantine(app)
  registerListConnectionQuarantine(app)
  registerListStreamRecords(app)
  registerPauseStream(app)
  registerResumeStream(app)
  registerReplayQuarantinedRecord(app)
  registerGetQuarantinedRaw(app)
  registerExportStream(app)
}
