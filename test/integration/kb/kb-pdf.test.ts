// PDFs in the knowledge base: uploaded as a file, read page by page in the Worker (unpdf's pdf.js in workerd),
// found by search with their page; unreadable ones refused with a problem that says why.
import { beforeAll, describe, expect, it } from 'vitest'
import { makePdf } from '../../fixtures/kb/make-pdf.ts'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { type JobBody, waitForJob } from '../../support/jobs.ts'
import { postKbFile } from '../../support/kb.ts'

interface Hit {
  document_key: string
  title: string | null
  source_kind: string
  text: string
  headings: string[]
  metadata: Record<string, unknown>
}

let owner: Account

const pdfFile = (bytes: Uint8Array, name = 'report.pdf') =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' })

async function search(token: string, query: string): Promise<Hit[]> {
  const res = await call('/v1/kb/search', { token, body: { query } })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { data: Hit[] }).data
}

describe('PDF documents in the knowledge base', () => {
  beforeAll(async () => {
    owner = await signup('Pdf Co')
  })

  it('reads an uploaded PDF page by page, ingests it, and finds its text with the page it is on', async () => {
    const token = owner.tokens.access_token
    const secret = `heron-${crypto.randomUUID().slice(0, 8)}`
    const pdf = makePdf([
      ['Quarterly report', 'Revenue grew in every region.'],
      [],
      [`Project ${secret} ships to EMEA customers in April.`],
    ])
    const res = await postKbFile(token, pdfFile(pdf, 'q3-report.pdf'), { metadata: '{"team":"finance"}' })
    expect(res.status, await res.clone().text()).toBe(202)
    const accepted = (await res.json()) as { key: string; job: JobBody }
    expect(accepted.key).toBe('q3-report.pdf')
    const job = await waitForJob(token, accepted.job.id, ['succeeded', 'dead'], 30_000)
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    expect(job.result).toMatchObject({ key: 'q3-report.pdf', status: 'created', chunks: 2 })

    const [top] = await search(token, `when does project ${secret} ship?`)
    expect(top).toMatchObject({
      document_key: 'q3-report.pdf',
      source_kind: 'pdf',
      headings: ['Page 3'],
      metadata: { team: 'finance' },
    })
    expect(top?.text).toContain(`Project ${secret} ships to EMEA`)

    // Another tenant never sees it.
    expect(await search((await signup('Other Pdf Co')).tokens.access_token, secret)).toEqual([])
  })

  it('refuses a PDF it cannot read with a problem that says why and what to do', async () => {
    const token = owner.tokens.access_token
    const scanned = await expectProblem(await postKbFile(token, pdfFile(makePdf([[], []]))), 422, 'unreadable_document')
    expect(scanned.detail).toMatch(/no text.*OCR/)
    const locked = await expectProblem(
      await postKbFile(token, pdfFile(makePdf([['secret']], { encrypt: true }))),
      422,
      'unreadable_document',
    )
    expect(locked.detail).toMatch(/password/)
    const broken = await expectProblem(
      await postKbFile(token, pdfFile(new TextEncoder().encode('%PDF-1.7\nthe rest is missing'))),
      422,
      'unreadable_document',
    )
    expect(broken.detail).toMatch(/cannot be read/)
    // Named .pdf, but not one.
    await expectProblem(
      await postKbFile(token, pdfFile(new TextEncoder().encode('just words'), 'notes.pdf')),
      415,
      'unsupported_media_type',
    )
    await expectProblem(
      await postKbFile(token, pdfFile(makePdf([['ok']])), { metadata: '{"nested":{"no":1}}' }),
      400,
      'validation_failed',
    )
    // Over 10 MiB: refused before it is read.
    const huge = new Uint8Array(10 * 1024 * 1024 + 1)
    huge.set(new TextEncoder().encode('%PDF-1.7\n'))
    await expectProblem(await postKbFile(token, pdfFile(huge)), 413, 'payload_too_large')
    // Nothing more was stored.
    const listed = (await (await call('/v1/kb/documents', { token })).json()) as { data: { key: string }[] }
    expect(listed.data.map((d) => d.key)).toEqual(['q3-report.pdf'])
  })
})
