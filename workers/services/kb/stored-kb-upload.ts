import { z } from '@hono/zod-openapi'
import { KB_UPLOAD_FORMATS, KbDocumentUpload } from '../../contract/kb.ts'
import { KB_MAX_TEXT_CHARS } from '../../core/nlp/kb/document.ts'

/**
 * An upload as kept in object storage until its kb.ingest job runs: a JSON upload as sent, or a PDF's text
 * (read at upload, pages apart; longer than a JSON body may be).
 */
export const StoredKbUpload = KbDocumentUpload.extend({
  format: z.enum([...KB_UPLOAD_FORMATS, 'pdf']),
  content: z.string().min(1).max(KB_MAX_TEXT_CHARS),
})
export type StoredKbUpload = z.output<typeof StoredKbUpload>
