import type { App } from '../app-env.ts'
import { registerDeleteKbDocument } from './kb/delete-kb-document.ts'
import { registerGetKbDocument } from './kb/get-kb-document.ts'
import { registerListKbDocuments } from './kb/list-kb-documents.ts'
import { registerRefreshKbMetadata } from './kb/refresh-kb-metadata.ts'
import { registerSearchKb } from './kb/search-kb.ts'
import { registerUploadKbDocument } from './kb/upload-kb-document.ts'

export { isKbFileUpload } from './kb/upload-kb-document.ts'

export function registerKbRoutes(app: App) {
  registerUploadKbDocument(app)
  registerListKbDocuments(app)
  registerGetKbDocument(app)
  registerDeleteKbDocument(app)
  registerSearchKb(app)
  registerRefreshKbMetadata(app)
}
