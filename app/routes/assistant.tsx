import { MessageSquareText, Send } from 'lucide-react'
import { Fragment, useEffect, useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { Badge } from '../components/badge.tsx'
import { Button } from '../components/button.tsx'
import { Field, Input, Select, Textarea } from '../components/form.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { ProblemNote } from '../components/problem-note.tsx'
import { Widget } from '../components/widget.tsx'
import { ApiProblem, api, apiResponse } from '../lib/api.ts'
import { pageTitle } from '../lib/nav.ts'
import { sseFrames } from '../lib/sse-frames.ts'
import type { Citation, NlpAnswerText, Persona, PersonaBriefing, PersonaChoice, Problem } from '../lib/types.ts'
import { onFormSubmit, useAction } from '../lib/use-action.ts'

export const meta = () => pageTitle('Assistant')

export async function clientLoader() {
  return (await api<{ data: Persona[] }>('/v1/nlp/personas')).data
}

interface Exchange {
  question: string
  persona?: PersonaChoice
  citations?: Citation[]
  answer?: NlpAnswerText
  /** The answer's text so far, from its `answer.delta` events, until the whole `answer` arrives. */
  draft?: string
}

/** The answer's text with each [n] as a button that shows passage n. */
function CitedText({ text, onCite }: { text: string; onCite: (n: number) => void }) {
  const parts = text.split(/(\[\d+\])/)
  return (
    <p className="leading-relaxed">
      {parts.map((part, i) => {
        const n = /^\[(\d+)\]$/.exec(part)?.[1]
        return n ? (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
            key={i}
            type="button"
            onClick={() => onCite(Number(n))}
            className="mx-0.5 rounded bg-blue-100 px-1 font-semibold text-blue-800 text-xs dark:bg-blue-900/60 dark:text-blue-100"
            aria-label={`Show source ${n}`}
          >
            {n}
          </button>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <Fragment key={i}>{part}</Fragment>
        )
      })}
    </p>
  )
}

function Sources({ citations, open }: { citations: Citation[]; open: number | null }) {
  if (citations.length === 0)
    return (
      <p className="text-slate-600 text-sm dark:text-slate-300">
        No passage retrieved. <Link to="/knowledge">Add documents</Link> for the assistant to answer from.
      </p>
    )
  return (
    <ol className="space-y-2 text-sm" aria-label="Sources">
      {citations.map((c) => (
        <li key={c.chunk_id} id={`source-${c.n}`}>
          <details open={open === c.n} className="rounded-lg border border-slate-200 p-2 dark:border-slate-700">
            <summary className="cursor-pointer">
              <span className="font-semibold">[{c.n}]</span> {c.title ?? c.document_key}
              {c.headings.length > 0 && (
                <span className="text-slate-600 dark:text-slate-300"> · {c.headings.join(' › ')}</span>
              )}
            </summary>
            <p className="mt-2 whitespace-pre-line">{c.text}</p>
          </details>
        </li>
      ))}
    </ol>
  )
}

const SOURCE_PAGE: Record<PersonaBriefing['points'][number]['source'], string> = {
  jobs: '/jobs',
  connections: '/connections',
  drift: '/drift',
  llm: '/llm-usage',
}

/** The persona's briefing, counted from the workspace's state each time the persona changes. */
function Briefing({ persona }: { persona: string }) {
  const [briefing, setBriefing] = useState<PersonaBriefing | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let current = true
    setError(null)
    api<PersonaBriefing>(`/v1/nlp/personas/${persona}/summary`)
      .then((b) => current && setBriefing(b))
      .catch((e) => current && setError(e))
    return () => {
      current = false
    }
  }, [persona])
  if (error) return <ProblemNote error={error} />
  if (!briefing) return <p className="text-slate-600 text-sm dark:text-slate-300">Counting…</p>
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" aria-label={`Briefing for the ${briefing.title}`}>
      {briefing.points.map((p) => (
        <li key={p.topic}>
          {p.text}{' '}
          <Link to={SOURCE_PAGE[p.source]} className="text-blue-700 underline dark:text-blue-300">
            source
          </Link>
        </li>
      ))}
    </ul>
  )
}

const SOURCE_KINDS = ['text', 'markdown', 'html', 'pdf', 'metadata'] as const
const TOOLS = ['knowledge_search', 'workspace_briefing'] as const

/** An admin's edit of one persona for this workspace, or the restore of its defaults. */
function PersonaEditor({ persona }: { persona: Persona }) {
  const save = useAction((form: FormData) => {
    const kinds = form.getAll('source_kinds').map(String)
    return api(`/v1/nlp/personas/${persona.id}`, {
      method: 'PUT',
      body: {
        title: String(form.get('title') ?? ''),
        focus: String(form.get('focus') ?? ''),
        tools: form.getAll('tools').map(String),
        // No kind ticked: the persona reads every kind (no filter).
        filter: kinds.length > 0 ? { ...persona.filter, source_kinds: kinds } : {},
        enabled: form.get('enabled') === 'on',
      },
    })
  })
  const reset = useAction(() => api(`/v1/nlp/personas/${persona.id}`, { method: 'DELETE' }))
  const kinds = persona.filter.source_kinds ?? []
  return (
    // Keyed by the persona's state so the fields show what is stored after a save or a restore.
    <form
      key={JSON.stringify(persona)}
      className="space-y-3"
      onSubmit={onFormSubmit(save.run)}
      aria-label={`Edit the ${persona.title} persona`}
    >
      <ProblemNote error={save.error ?? reset.error} />
      <Field label="Name">
        <Input name="title" defaultValue={persona.title} required maxLength={100} />
      </Field>
      <Field label="System prompt">
        <Textarea name="focus" defaultValue={persona.focus} required rows={3} className="font-sans" />
      </Field>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 font-medium">Reads (none ticked: everything)</legend>
        {SOURCE_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="checkbox" name="source_kinds" value={k} defaultChecked={kinds.includes(k)} /> {k}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 font-medium">Tools</legend>
        {TOOLS.map((t) => (
          <label key={t} className="flex items-center gap-1">
            <input type="checkbox" name="tools" value={t} defaultChecked={persona.tools.includes(t)} /> {t}
          </label>
        ))}
        <label className="flex items-center gap-1">
          <input type="checkbox" name="enabled" defaultChecked={persona.enabled} /> enabled
        </label>
      </fieldset>
      <div className="flex items-center gap-2">
        <Button type="submit" busy={save.busy}>
          Save for this workspace
        </Button>
        {persona.customised && (
          <Button type="button" variant="secondary" busy={reset.busy} onClick={() => void reset.run()}>
            Restore defaults
          </Button>
        )}
        {persona.customised && <Badge tone="purple">customised</Badge>}
      </div>
    </form>
  )
}

export default function AssistantPage() {
  const personas = useLoaderData<typeof clientLoader>()
  const [exchange, setExchange] = useState<Exchange | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const [chosen, setChosen] = useState('')
  // Automatic edits the fallback persona, the one that answers when no other's words appear.
  const editing = personas.find((p) => p.id === (chosen || 'data_engineer'))
  const ask = useAction(
    async (form: FormData) => {
      const question = String(form.get('question') ?? '')
      const persona = String(form.get('persona') ?? '')
      setOpen(null)
      setExchange({ question })
      const res = await apiResponse('/v1/nlp/query', {
        body: { question, ...(persona ? { persona } : {}) },
        headers: { accept: 'text/event-stream' },
      })
      // Each stage shows as soon as it arrives: who answers, the sources, then the answer.
      for await (const frame of sseFrames(res)) {
        const data = JSON.parse(frame.data) as unknown
        if (frame.event === 'persona') setExchange((e) => e && { ...e, persona: data as PersonaChoice })
        if (frame.event === 'citations') setExchange((e) => e && { ...e, citations: data as Citation[] })
        if (frame.event === 'answer.delta')
          setExchange((e) => e && { ...e, draft: (e.draft ?? '') + (data as { text: string }).text })
        if (frame.event === 'answer') setExchange((e) => e && { ...e, answer: data as NlpAnswerText })
        if (frame.event === 'error') {
          const p = data as Problem
          throw new ApiProblem(p.status, p.type, p.title, p.detail ?? '')
        }
      }
    },
    { revalidate: false },
  )
  const cite = (n: number) => {
    setOpen(n)
    document.getElementById(`source-${n}`)?.scrollIntoView({ block: 'nearest' })
  }

  return (
    <>
      <PageHeader
        title="AOS Assistant"
        description="Ask in plain words: a persona answers from your knowledge base, citing the passages it used."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Widget id="assistant.ask" title="Ask" className="min-w-0">
          <form className="space-y-3" onSubmit={onFormSubmit(ask.run)}>
            <Field label="Question">
              <Textarea
                name="question"
                required
                rows={4}
                placeholder="Which renewals are at risk?"
                className="font-sans"
              />
            </Field>
            <Field label="Answer as" hint="Automatic picks the persona whose subject the question is, and says why.">
              <Select name="persona" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">Automatic</option>
                {personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                    {p.enabled ? '' : ' (disabled)'}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" busy={ask.busy}>
              <Send className="size-4" aria-hidden /> Ask
            </Button>
          </form>
        </Widget>
        <Widget
          id="assistant.briefing"
          title={`Briefing: ${personas.find((p) => p.id === (exchange?.persona?.persona ?? chosen))?.title ?? 'Data engineer'}`}
          className="min-w-0 lg:col-span-2"
        >
          <Briefing persona={exchange?.persona?.persona ?? (chosen || 'data_engineer')} />
        </Widget>
        {editing && (
          <Widget id="assistant.persona" title={`Persona settings: ${editing.title}`} className="min-w-0 lg:col-span-3">
            <PersonaEditor persona={editing} />
          </Widget>
        )}
        <Widget id="assistant.answer" title="Answer" className="min-w-0 lg:col-span-3">
          <ProblemNote error={ask.error} />
          {!exchange ? (
            <div className="py-6 text-center text-slate-600 dark:text-slate-300">
              <MessageSquareText className="mx-auto mb-2 size-6" aria-hidden />
              Ask a question to start.
            </div>
          ) : (
            <div className="space-y-4" aria-live="polite" data-testid="assistant-answer">
              <p className="font-semibold">{exchange.question}</p>
              {exchange.persona && (
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone="blue">{exchange.persona.title}</Badge>
                  <span className="text-slate-600 dark:text-slate-300">{exchange.persona.reason}</span>
                </p>
              )}
              {exchange.answer ? (
                <>
                  <CitedText text={exchange.answer.text} onCite={cite} />
                  {exchange.answer.provider === 'offline' && exchange.answer.grounded && (
                    <p className="text-slate-600 text-xs dark:text-slate-300">
                      Quoted from the sources (offline mode: no language model writes the answer).
                    </p>
                  )}
                </>
              ) : exchange.draft ? (
                <CitedText text={exchange.draft} onCite={cite} />
              ) : (
                ask.busy && <p className="text-slate-600 text-sm dark:text-slate-300">Answering…</p>
              )}
              {exchange.citations && (
                <section aria-label="Sources of the answer">
                  <h3 className="mb-2 font-semibold text-sm">Sources</h3>
                  <Sources citations={exchange.citations} open={open} />
                </section>
              )}
            </div>
          )}
        </Widget>
      </div>
    </>
  )
}

export { PageError as ErrorBoundary } from '../components/page-error.tsx'
