import { BookOpen, Trash2, Upload } from 'lucide-react'
import { useState } from 'react'
import { useLoaderData } from 'react-router'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { ChartFrame } from '../components/chart-frame.tsx'
import { axis, COLORS, tooltip } from '../components/chart-theme.ts'
import { Field, Input, Select, Textarea } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Widget } from '../components/widget.tsx'
import { api } from '../lib/api.ts'
import { ago } from '../lib/format.ts'
import { useOnEvent, useRevalidateOn } from '../lib/live-events.tsx'
import { pageTitle } from '../lib/nav.ts'
import type { KbDocumentList, KbSearchHit, KbUploadAccepted } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Knowledge Base')

export async function clientLoader() {
  return api<KbDocumentList>('/v1/kb/documents?limit=200')
}

const FORMAT_OF: Record<string, 'text' | 'markdown' | 'html'> = {
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
}
const formatOf = (name: string) => FORMAT_OF[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'text'
const isPdf = (file: File) => file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf')

/** Pick a file (its name is the key) or paste text under a key; the upload is a job, shown once queued. */
function AddDocument() {
  const [queued, setQueued] = useState<{ key: string; job: string } | null>(null)
  // The ingestion's progress, from its kb.ingest job's `aos.job.progress` events.
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  useOnEvent(['aos.job.progress'], (event) => {
    const data = event.data as { job_id: string; progress: { done: number; total: number } }
    if (data.job_id === queued?.job) setProgress(data.progress)
  })
  const upload = useAction(async (form: FormData) => {
    const file = form.get('file')
    const fromFile = file instanceof File && file.size > 0
    const key = String(form.get('key') ?? '').trim() || (fromFile ? file.name : '')
    let accepted: KbUploadAccepted
    if (fromFile && isPdf(file)) {
      // The API reads a PDF's text itself: the file goes as it is.
      const body = new FormData()
      body.set('file', file)
      body.set('key', key)
      accepted = await api<KbUploadAccepted>('/v1/kb/documents', { method: 'POST', body })
    } else {
      const content = fromFile ? await file.text() : String(form.get('content') ?? '')
      const format = fromFile ? formatOf(file.name) : (String(form.get('format')) as 'text' | 'markdown' | 'html')
      accepted = await api<KbUploadAccepted>('/v1/kb/documents', { method: 'POST', body: { key, content, format } })
    }
    setProgress(null)
    setQueued({ key: accepted.key, job: accepted.job.id })
    return accepted
  })
  return (
    <form className="space-y-3" onSubmit={onFormSubmit(upload.run, { clear: true })}>
      <Field
        label="File"
        hint="Text, Markdown or HTML (at most 1 MiB), or a PDF with a text layer (at most 10 MiB; a scan needs OCR first)."
      >
        <Input
          name="file"
          type="file"
          accept=".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf"
        />
      </Field>
      <p className="text-slate-600 text-sm dark:text-slate-300">or paste it:</p>
      <Field label="Key" hint="The document's name; uploading the same key again replaces it.">
        <Input name="key" placeholder="handbook/refunds.md" />
      </Field>
      <Field label="Format">
        <Select name="format" defaultValue="markdown">
          <option value="text">Plain text</option>
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
        </Select>
      </Field>
      <Field label="Text">
        <Textarea name="content" rows={5} />
      </Field>
      <Button type="submit" busy={upload.busy}>
        <Upload className="size-4" aria-hidden /> Add to knowledge base
      </Button>
      {queued && !upload.error && (
        <p role="status" className="text-sm">
          {progress && progress.total > 0
            ? `“${queued.key}”: ${progress.done} of ${progress.total} chunks embedded${progress.done === progress.total ? '.' : '…'}`
            : `“${queued.key}” is queued: it appears below once chunked and embedded.`}
        </p>
      )}
      <ProblemNote error={upload.error} />
    </form>
  )
}

function RetrieverBadges({ hit }: { hit: KbSearchHit }) {
  const { fulltext, vector } = hit.retrievers
  return (
    <span className="flex gap-1">
      {fulltext && <Badge tone="blue">words #{fulltext.rank}</Badge>}
      {vector && <Badge tone="green">meaning #{vector.rank}</Badge>}
    </span>
  )
}

function SearchBox() {
  const [hits, setHits] = useState<KbSearchHit[] | null>(null)
  const search = useAction(
    async (form: FormData) => {
      const body = { query: String(form.get('query') ?? ''), mode: String(form.get('mode')), limit: 10 }
      setHits((await api<{ data: KbSearchHit[] }>('/v1/kb/search', { method: 'POST', body })).data)
    },
    { revalidate: false },
  )
  return (
    <div className="space-y-3">
      <form className="flex flex-wrap items-end gap-2" onSubmit={onFormSubmit(search.run)}>
        <div className="min-w-0 flex-1">
          <Field label="Question or keywords">
            <Input name="query" required placeholder="Are gift cards refunded?" />
          </Field>
        </div>
        <Field label="Retrieval">
          <Select name="mode" defaultValue="hybrid">
            <option value="hybrid">Hybrid (words + meaning)</option>
            <option value="fulltext">Words only (BM25)</option>
            <option value="vector">Meaning only (vectors)</option>
          </Select>
        </Field>
        <Button type="submit" busy={search.busy}>
          Search
        </Button>
      </form>
      <ProblemNote error={search.error} />
      {hits?.length === 0 && <p className="text-slate-600 text-sm dark:text-slate-300">Nothing found.</p>}
      <ol className="space-y-2" aria-label="Search results">
        {hits?.map((hit) => (
          <li key={hit.chunk_id} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <span className="font-semibold">{hit.title ?? hit.document_key}</span>
              {hit.headings.length > 0 && (
                <span className="text-slate-600 dark:text-slate-300">{hit.headings.join(' › ')}</span>
              )}
              <span className="ml-auto tabular-nums text-slate-600 dark:text-slate-300">{hit.score.toFixed(3)}</span>
              <RetrieverBadges hit={hit} />
            </div>
            <p className="whitespace-pre-line">{hit.text}</p>
          </li>
        ))}
      </ol>
    </div>
  )
}

export default function KnowledgePage() {
  const { data: documents } = useLoaderData<typeof clientLoader>()
  useRevalidateOn(['aos.job.succeeded'])
  const remove = useAction((id: string) => api(`/v1/kb/documents/${id}`, { method: 'DELETE' }))
  const chunks = documents.slice(0, 12).map((d) => ({ document: d.title ?? d.key, chunks: d.chunks }))

  return (
    <>
      <PageHeader
        title="Knowledge Base"
        description="Documents the assistant answers from: chunked, indexed for full-text and vector search, visible to this workspace only."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="knowledge.add" title="Add a document">
          <AddDocument />
        </Widget>
        <Widget id="knowledge.search" title="Search" className="min-w-0 lg:col-span-2">
          <SearchBox />
        </Widget>
        <Widget id="knowledge.chunks" title="Chunks per document (newest 12)" className="min-w-0 lg:col-span-3">
          {chunks.length === 0 ? (
            <p className="text-slate-600 text-sm dark:text-slate-300">No documents yet.</p>
          ) : (
            <ChartFrame height={180}>
              <BarChart data={chunks}>
                <CartesianGrid strokeOpacity={0.15} vertical={false} />
                <XAxis dataKey="document" {...axis} />
                <YAxis allowDecimals={false} width={30} {...axis} />
                <Tooltip {...tooltip} />
                <Bar isAnimationActive={false} dataKey="chunks" fill={COLORS.blue} radius={[4, 4, 0, 0]} />
              </BarChart>
            </ChartFrame>
          )}
        </Widget>
        <Widget id="knowledge.documents" title={`Documents (${documents.length})`} className="min-w-0 lg:col-span-3">
          <ProblemNote error={remove.error} />
          {documents.length === 0 ? (
            <div className="py-6 text-center text-slate-600 dark:text-slate-300">
              <BookOpen className="mx-auto mb-2 size-6" aria-hidden />
              Add a document to start.
            </div>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="text-slate-600 dark:text-slate-300">
                    <th className="py-1 pr-3">Document</th>
                    <th className="py-1 pr-3">Format</th>
                    <th className="py-1 pr-3">Chunks</th>
                    <th className="py-1 pr-3">Updated</th>
                    <th className="py-1 pr-3">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {documents.map((d) => (
                    <tr key={d.id} className="border-slate-200 border-t dark:border-slate-800">
                      <td className="py-2 pr-3">
                        <span className="font-semibold">{d.title ?? d.key}</span>
                        {d.title && <span className="block text-slate-600 text-xs dark:text-slate-300">{d.key}</span>}
                      </td>
                      <td className="py-2 pr-3">{d.source_kind}</td>
                      <td className="py-2 pr-3 tabular-nums">{d.chunks}</td>
                      <td className="py-2 pr-3">{ago(d.updated_at)}</td>
                      <td className="py-2 pr-3">
                        <Button
                          variant="secondary"
                          busy={remove.busy}
                          aria-label={`Delete ${d.key}`}
                          onClick={() => {
                            if (window.confirm(`Delete “${d.key}” and its chunks?`)) void remove.run(d.id)
                          }}
                        >
                          <Trash2 className="size-4" aria-hidden /> Delete
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
