// A PDF as the knowledge base keeps it: the text of each page (pdf.js's serverless build, bundled by unpdf, runs
// in workerd), pages apart by PDF_PAGE_BREAK. The chunker keeps each chunk within one page and names it (`Page 3`
// in its headings), so an answer cites a page. Kept apart from document.ts, which the contract (and so the
// console) imports, so pdf.js stays out of the console's bundle.
import { extractText, getDocumentProxy } from 'unpdf'
import { PDF_PAGE_BREAK } from './document.ts'

/** `%PDF-` in the first KiB (readers allow a little junk before it), whatever the client says the type is. */
export const looksLikePdf = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, 1024)).includes('%PDF-')

export type PdfText =
  | { ok: true; pages: string[]; title?: string }
  | { ok: false; reason: 'encrypted' | 'unreadable' | 'no_text'; message: string }

const hasText = (pages: string[]) => pages.some((page) => page.trim() !== '')

const unreadable = (error: unknown): PdfText => ({
  ok: false,
  reason: 'unreadable',
  message: `the PDF cannot be read (${error instanceof Error ? error.message : String(error)})`,
})

/** The text of each page; an encrypted, broken or text-less (scanned) PDF is a reason, never a throw. */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(bytes.slice(), { stopAtErrors: true, verbosity: 0 })
  } catch (error) {
    return error instanceof Error && error.name === 'PasswordException'
      ? { ok: false, reason: 'encrypted', message: 'the PDF is password-protected' }
      : unreadable(error)
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false })
    const pages = text.map((page) => page.replaceAll(PDF_PAGE_BREAK, ' ').trim())
    if (!hasText(pages)) return { ok: false, reason: 'no_text', message: 'the PDF has no text (a scan or images only)' }
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined
    const title = typeof info?.Title === 'string' ? info.Title.trim() : ''
    return { ok: true, pages, ...(title ? { title } : {}) }
  } catch (error) {
    return unreadable(error)
  }
}

export const joinPdfPages = (pages: string[]) => pages.join(`\n${PDF_PAGE_BREAK}\n`)
