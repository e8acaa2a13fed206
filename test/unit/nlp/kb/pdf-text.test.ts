import { describe, expect, it } from 'vitest'
import { prepareChunks } from '../../../../workers/core/nlp/kb/document.ts'
import { joinPdfPages, looksLikePdf, pdfText } from '../../../../workers/core/nlp/kb/pdf-text.ts'
import { makePdf } from '../../../fixtures/kb/make-pdf.ts'

describe('PDF text for the knowledge base', () => {
  it('reads each page’s text, an empty page as empty', async () => {
    const read = await pdfText(makePdf([['Refund policy (v2)', 'Returns within 30 days.'], [], ['Shipping is free.']]))
    expect(read).toEqual({ ok: true, pages: ['Refund policy (v2)\nReturns within 30 days.', '', 'Shipping is free.'] })
  })

  it('gives a reason, not an exception, for encrypted, broken and text-less PDFs', async () => {
    expect(await pdfText(makePdf([['secret']], { encrypt: true }))).toMatchObject({ ok: false, reason: 'encrypted' })
    expect(await pdfText(new TextEncoder().encode('%PDF-1.7\nnot really'))).toMatchObject({
      ok: false,
      reason: 'unreadable',
    })
    expect(await pdfText(makePdf([[], []]))).toMatchObject({ ok: false, reason: 'no_text' })
  })

  it('knows a PDF by its first bytes', () => {
    expect(looksLikePdf(makePdf([['x']]))).toBe(true)
    expect(looksLikePdf(new TextEncoder().encode('\r\n%PDF-1.4\n'))).toBe(true)
    expect(looksLikePdf(new TextEncoder().encode('%PDF'))).toBe(false)
    expect(looksLikePdf(new TextEncoder().encode('hello, world'))).toBe(false)
  })

  it('chunks page by page, each chunk naming its page and slicing the whole text', () => {
    const text = joinPdfPages(['First page words.', '', 'Third page words.'])
    const chunks = prepareChunks({ key: 'a.pdf', text, sourceKind: 'pdf', metadata: {} })
    expect(chunks.map((c) => [c.ordinal, c.headings, c.text])).toEqual([
      [0, ['Page 1'], 'First page words.'],
      [1, ['Page 3'], 'Third page words.'],
    ])
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text)
  })
})
