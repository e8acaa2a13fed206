// The assistant on the `openai` path against the OpenAI stand-in: the passages it sends a model carry
// placeholders, never the PII the tenant's documents hold, and only the caller gets the answer back with
// the real values. Documents are ingested as usual (offline, raw inside the tenant's rows, decision 013);
// the question is asked through an app whose environment points the gateway at the stand-in.
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../workers/api/index.ts'
import { type Account, signup } from '../../support/api.ts'
import { uploadKbDocument } from '../../support/kb.ts'
import { control, openAiEnv, received } from '../../support/openai-stand-in.ts'
import { sseReader } from '../../support/sse.ts'

interface Answer {
  citations: { n: number; text: string }[]
  answer: { text: string; cited: number[]; grounded: boolean; provider: string }
}

const PII = [
  'Maria Garcia',
  'maria.garcia@globex.example',
  '+1 (415) 555-0134',
  'billing@globex.example',
  'Jonas Weber',
  'jonas.weber@initech.example',
  '+49 30 901820',
]

/** Asks through the gateway on the `openai` path, its chat and embedding models named `model`. */
async function askOpenAi(account: Account, model: string, question: string): Promise<Answer> {
  const res = await requestOpenAi(account, model, question)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Answer
}

function requestOpenAi(account: Account, model: string, question: string, accept = 'application/json', budget = 1e9) {
  return createApp().request(
    '/v1/nlp/query',
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${account.tokens.access_token}`,
        'content-type': 'application/json',
        accept,
      },
      body: JSON.stringify({ question, persona: 'cro' }),
    },
    openAiEnv(model, budget),
    createExecutionContext(),
  )
}

/** Every SSE event of a streamed answer, up to `done` or `error`. */
async function streamOpenAi(account: Account, model: string, question: string) {
  const res = await requestOpenAi(account, model, question, 'text/event-stream')
  expect(res.status).toBe(200)
  const sse = sseReader(res)
  const events: { event: string; data: Record<string, unknown> }[] = []
  for (;;) {
    const frame = await sse.next()
    events.push({ event: frame.event ?? 'message', data: JSON.parse(frame.data) })
    if (frame.event === 'done' || frame.event === 'error') break
  }
  await sse.close()
  return events
}

describe('the assistant on the openai path', () => {
  let a: Account
  let b: Account
  beforeAll(async () => {
    a = await signup('Redacted Answers Co')
    b = await signup('Other Redacted Co')
    await uploadKbDocument(a.tokens.access_token, {
      key: 'accounts/globex.md',
      format: 'markdown',
      content:
        '# Globex renewal\n\nThe Globex renewal is owned by Maria Garcia (maria.garcia@globex.example, +1 (415) 555-0134). ' +
        'Invoices go to billing@globex.example. The renewal is at risk because the champion left in May.',
    })
    await uploadKbDocument(b.tokens.access_token, {
      key: 'accounts/initech.md',
      format: 'markdown',
      content:
        '# Initech renewal\n\nThe Initech renewal is owned by Jonas Weber (jonas.weber@initech.example, +49 30 901820). ' +
        'The renewal is at risk because the budget moved to next year.',
    })
  })

  it('sends the model placeholders only, and re-identifies the answer for the caller', async () => {
    const model = `nlp-${crypto.randomUUID().slice(0, 8)}`
    // The model answers with the placeholders it was shown (the redactor also takes "Globex" for a name, so
    // the owner is the second PERSON); the caller must get the real values.
    await control('answer-next', {
      model,
      content: 'Ask <PERSON_2> at <EMAIL_1> or <PHONE_1>. [1]',
    })
    const answer = await askOpenAi(a, model, 'Who owns the Globex renewal that is at risk?')
    expect(answer.answer).toMatchObject({ provider: 'openai', grounded: true, cited: [1] })
    expect(answer.answer.text).toBe('Ask Maria Garcia at maria.garcia@globex.example or +1 (415) 555-0134. [1]')
    // The caller's citations are the tenant's own passages, as stored.
    expect(answer.citations[0]?.text).toContain('maria.garcia@globex.example')

    const chats = await received(model)
    const embeds = await received(`${model}-embed`)
    expect(chats).toHaveLength(1)
    expect(embeds).toHaveLength(1)
    const sent = JSON.stringify([...chats, ...embeds].map((r) => r.body))
    expect(sent).toContain('The renewal is at risk because the champion left in May.')
    expect(sent).toContain('is owned by <PERSON_2> (<EMAIL_1>, <PHONE_1>)')
    for (const value of PII) expect(sent).not.toContain(value)
    expect(sent).not.toMatch(/555-0134|@globex\.example/)
  })

  it('re-identifies placeholders only with the asking request’s own values, never another tenant’s', async () => {
    const model = `nlp-${crypto.randomUUID().slice(0, 8)}`
    const content = 'Ask <PERSON_2> at <EMAIL_1>. [1]'
    await control('answer-next', { model, content })
    const theirs = await askOpenAi(b, model, 'Who owns the Initech renewal that is at risk?')
    expect(theirs.answer.text).toBe('Ask Jonas Weber at jonas.weber@initech.example. [1]')
    expect(JSON.stringify(theirs)).not.toMatch(/Maria|globex/i)
    for (const value of PII) expect(JSON.stringify((await received(model)).map((r) => r.body))).not.toContain(value)
  })

  it('streams the answer token by token, re-identified across chunk boundaries, deltas before done', async () => {
    const model = `nlp-${crypto.randomUUID().slice(0, 8)}`
    // The stand-in streams three characters per chunk, so every placeholder here is cut across chunks.
    await control('answer-next', { model, content: 'Ask <PERSON_2> at <EMAIL_1> or <PHONE_1>. [1]' })
    const events = await streamOpenAi(a, model, 'Who owns the Globex renewal that is at risk?')
    const names = events.map((e) => e.event)
    expect(names.slice(0, 2)).toEqual(['persona', 'citations'])
    expect(names.at(-2)).toBe('answer')
    expect(names.at(-1)).toBe('done')
    const deltas = events.filter((e) => e.event === 'answer.delta').map((e) => e.data.text as string)
    expect(deltas.length).toBeGreaterThan(3)
    expect(names.indexOf('answer.delta')).toBeLessThan(names.indexOf('answer'))
    const final = events.find((e) => e.event === 'answer')?.data as Answer['answer']
    expect(final).toMatchObject({ provider: 'openai', grounded: true, cited: [1] })
    expect(final.text).toBe('Ask Maria Garcia at maria.garcia@globex.example or +1 (415) 555-0134. [1]')
    expect(deltas.join('')).toBe(final.text)
    for (const delta of deltas) expect(delta).not.toMatch(/[<>]/)

    const [chat] = await received(model)
    expect(chat?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
    for (const value of PII) expect(JSON.stringify(chat?.body)).not.toContain(value)
  })

  it('ends with an error event holding a problem when the model breaks off mid-answer, and counts the error', async () => {
    const model = `nlp-${crypto.randomUUID().slice(0, 8)}`
    await control('answer-next', { model, content: 'The renewal is at risk because the champion left. [1]' })
    await control('fail-next', { model, status: 500, mid_stream: true })
    const events = await streamOpenAi(a, model, 'Why is the Globex renewal at risk?')
    const names = events.map((e) => e.event)
    expect(names).toContain('answer.delta')
    expect(names).not.toContain('answer')
    expect(names.at(-1)).toBe('error')
    expect(events.at(-1)?.data).toMatchObject({ type: expect.stringContaining('llm-unavailable'), status: 503 })
    // Not retried: part of the answer had been shown.
    expect(await received(model)).toHaveLength(1)

    const usage = await createApp().request(
      '/v1/telemetry/llm?group=feature',
      { headers: { authorization: `Bearer ${a.tokens.access_token}` } },
      env,
      createExecutionContext(),
    )
    expect(JSON.stringify(await usage.json())).toContain('upstream_error')
  })

  it('refuses with problem+json, before any stream, when the budget is used up', async () => {
    const model = `nlp-${crypto.randomUUID().slice(0, 8)}`
    const res = await requestOpenAi(a, model, 'Who owns the Globex renewal?', 'text/event-stream', 1)
    expect(res.status).toBe(429)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await received(model)).toHaveLength(0)
  })
})
