import type { z } from '@hono/zod-openapi'
import { kbUploadKey, putSourceFile } from '../../adapters/files.ts'
import type { KbDocumentUpload, KbFileUpload } from '../../contract/kb.ts'
import { KB_MAX_TEXT_CHARS, KbMetadataSchema } from '../../core/nlp/kb/document.ts'
import { joinPdfPages, looksLikePdf, pdfText } from '../../core/nlp/kb/pdf-text.ts'
import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { submitJob } from '../jobs/submit-job.ts'
import { fieldErrorsFrom, ProblemError } from '../problem-error.ts'
import type { StoredKbUpload } from './stored-kb-upload.ts'

/**
 * Keeps the upload in object storage and queues the kb.ingest job that chunks, embeds and stores it: the
 * request answers at once, and a slow embedding provider retries in the job, not in the client.
 */
async function queueKbUpload(services: Services, tenantId: string, upload: StoredKbUpload, createdBy: string | null) {
  const uploadId = crypto.randomUUID()
  await putSourceFile(
    services.env,
    kbUploadKey(tenantId, uploadId),
    new TextEncoder().encode(JSON.stringify(upload)).buffer as ArrayBuffer,
    'application/json',
  )
  const { row } = await submitJob(services, tenantId, {
    kind: 'kb.ingest',
    payload: { key: upload.key, upload_id: uploadId },
    createdBy,
  })
  return { key: upload.key, job: presentJob(row) }
}

export const submitKbDocument = (
  services: Services,
  tenantId: string,
  input: { upload: z.output<typeof KbDocumentUpload>; createdBy: string | null },
) => queueKbUpload(services, tenantId, input.upload, input.createdBy)

const UNREADABLE_NEXT = {
  encrypted: 'remove the password (save an unprotected copy) and upload it again',
  unreadable: 'the file is damaged or not really a PDF; export it again and upload the new file',
  no_text: 'run OCR on it (or export it with its text) and upload the result',
} as const

function metadataField(raw: string | undefined) {
  if (raw === undefined || raw.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    value = raw
  }
  const parsed = KbMetadataSchema.safeParse(value)
  if (!parsed.success)
    throw new ProblemError(
      'validation_failed',
      'The `metadata` field must be a JSON object of strings, numbers and booleans.',
      fieldErrorsFrom(parsed.error).map((e) => ({ ...e, path: `metadata${e.path === '(body)' ? '' : `.${e.path}`}` })),
    )
  return parsed.data
}

/**
 * A PDF sent as a file: its text is read here, page by page, so an encrypted, damaged or scanned (text-less)
 * file is refused while the client is still waiting, and the job only chunks and embeds text.
 */
export async function submitKbFile(
  services: Services,
  tenantId: string,
  input: { upload: z.output<typeof KbFileUpload>; createdBy: string | null },
) {
  const { file, title } = input.upload
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (!looksLikePdf(bytes))
    throw new ProblemError(
      'unsupported_media_type',
      'Only PDF files are uploaded as a file, and this one has no %PDF- header. Send text, Markdown or HTML as JSON (`content` and `format`).',
    )
  const key = input.upload.key ?? file.name
  if (key === '') throw new ProblemError('validation_failed', 'Give the document a `key` (the file has no name).')
  const metadata = metadataField(input.upload.metadata)
  const read = await pdfText(bytes)
  if (!read.ok) throw new ProblemError('unreadable_document', `${read.message}: ${UNREADABLE_NEXT[read.reason]}.`)
  const content = joinPdfPages(read.pages)
  if (content.length > KB_MAX_TEXT_CHARS)
    throw new ProblemError(
      'payload_too_large',
      `The PDF holds more than ${KB_MAX_TEXT_CHARS.toLocaleString('en')} characters of text. Split it and upload the parts.`,
    )
  const documentTitle = title ?? read.title
  return queueKbUpload(
    services,
    tenantId,
    { key, format: 'pdf', content, metadata, ...(documentTitle ? { title: documentTitle } : {}) },
    input.createdBy,
  )
}
