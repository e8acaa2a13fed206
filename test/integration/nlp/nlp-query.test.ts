// Questions answered for a persona from the tenant's knowledge base: routed with a reason, cited, streamed by
// stage, quoting only what the passages say, and never from another tenant's documents.
import { beforeAll, describe, expect, it } from 'vitest'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'
import { uploadCsv } from '../../support/jobs.ts'
import { uploadKbDocument } from '../../support/kb.ts'
import { sseReader } from '../../support/sse.ts'

interface Answer {
  persona: { persona: string; title: string; reason: string; chosen: string }
  citations: { n: number; document_key: string; text: string; headings: string[] }[]
  answer: { text: string; cited: number[]; grounded: boolean; provider: string }
}

let owner: Account
const ask = async (token: string, body: Record<string, unknown>) => {
  const res = await call('/v1/nlp/query', { token, body })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Answer
}

describe('asking the knowledge base', () => {
  beforeAll(async () => {
    owner = await signup('Question Co')
    const token = owner.tokens.access_token
    await uploadKbDocument(token, {
      key: 'sales/renewals.md',
      format: 'markdown',
      content:
        '# Renewals\n\n## At risk\n\nThe Globex renewal is at risk because its champion left in May. Initech renewed for two years.\n\n## Pipeline\n\nThe Q3 pipeline holds 14 open opportunities.',
    })
    await uploadKbDocument(token, {
      key: 'ops/shipping.md',
      format: 'markdown',
      content: '# Shipping\n\nOrders ship from Rotterdam within two business days.',
    })
  })

  it('routes a question to the persona whose subject it is, says why, and answers by quoting cited passages', async () => {
    const answer = await ask(owner.tokens.access_token, { question: 'Which renewals are at risk?' })
    expect(answer.persona).toMatchObject({ persona: 'cro', chosen: 'classified' })
    expect(answer.persona.reason).toContain('“renewals”')
    expect(answer.citations[0]).toMatchObject({ n: 1, document_key: 'sales/renewals.md' })
    expect(answer.answer).toMatchObject({ grounded: true, provider: 'offline', cited: [1] })
    expect(answer.answer.text).toContain('The Globex renewal is at risk because its champion left in May. [1]')
    // Every quoted sentence is in the passage it cites.
    for (const [, sentence, n] of answer.answer.text.matchAll(/(.+?) \[(\d+)\]/g))
      expect(answer.citations.find((c) => c.n === Number(n))?.text).toContain(sentence?.trim())
  })

  it('answers for the persona asked for', async () => {
    const answer = await ask(owner.tokens.access_token, { question: 'Where do orders ship from?', persona: 'cfo' })
    expect(answer.persona).toMatchObject({ persona: 'cfo', chosen: 'asked', reason: 'Asked for the CFO.' })
    expect(answer.answer.text).toContain('Orders ship from Rotterdam within two business days.')
  })

  it('says so instead of inventing when no passage answers', async () => {
    const answer = await ask(owner.tokens.access_token, { question: 'quantum chromodynamics lattice' })
    expect(answer.answer).toMatchObject({ grounded: false, cited: [] })
    expect(answer.answer.text).toMatch(/has no passage that answers this/)
  })

  it('streams the stages as Server-Sent Events: persona, citations, answer, done', async () => {
    const res = await call('/v1/nlp/query', {
      token: owner.tokens.access_token,
      body: { question: 'How many open opportunities are in the pipeline?' },
      headers: { accept: 'text/event-stream' },
    })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const sse = sseReader(res)
    const events = [await sse.next()]
    while (events.at(-1)?.event !== 'done') events.push(await sse.next())
    // Offline the quoted answer arrives word by word (`answer.delta`), then whole.
    const stages = events.map((e) => e.event).filter((e) => e !== 'answer.delta')
    expect(stages).toEqual(['persona', 'citations', 'answer', 'done'])
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ persona: 'cro' })
    const answer = JSON.parse(events.find((e) => e.event === 'answer')?.data ?? '{}').text as string
    expect(answer).toContain('The Q3 pipeline holds 14 open opportunities. [1]')
    const deltas = events.filter((e) => e.event === 'answer.delta').map((e) => JSON.parse(e.data).text as string)
    expect(deltas.join('')).toBe(answer)
    await sse.close()
  })

  it('never answers from another tenant’s documents', async () => {
    const other = (await signup('Other Question Co')).tokens.access_token
    const answer = await ask(other, { question: 'Which renewals are at risk?' })
    expect(answer.citations).toEqual([])
    expect(answer.answer.grounded).toBe(false)
    expect(JSON.stringify(answer)).not.toContain('Globex')
  })

  it('refuses an empty question or an unknown persona with a problem naming the field', async () => {
    const token = owner.tokens.access_token
    await expectProblem(await call('/v1/nlp/query', { token, body: { question: '  ' } }), 400, 'validation_failed')
    await expectProblem(
      await call('/v1/nlp/query', { token, body: { question: 'x', persona: 'ceo' } }),
      400,
      'validation_failed',
    )
    await expectProblem(await call('/v1/nlp/query', { body: { question: 'x' } }), 401, 'unauthorized')
  })

  it('lists the personas with the words that route to each', async () => {
    const { data } = (await (await call('/v1/nlp/personas', { token: owner.tokens.access_token })).json()) as {
      data: { id: string; vocabulary: string[] }[]
    }
    expect(data.map((p) => p.id)).toEqual(['cfo', 'cro', 'coo', 'cto', 'data_engineer'])
    expect(data.find((p) => p.id === 'cro')?.vocabulary).toContain('pipeline')
  })

  it('briefs a persona from this workspace’s own state, naming where each figure comes from', async () => {
    const token = owner.tokens.access_token
    const created = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'Briefed CRM', drift_policy: 'propagate' },
    })
    const { id } = (await created.json()) as { id: string }
    await uploadCsv(token, id, 'contacts', 'email,name\na@example.com,Ada\nb@example.com,Bo\n')

    type Briefing = { persona: string; points: { topic: string; text: string; source: string }[] }
    const brief = async (t: string, persona: string) =>
      (await (await call(`/v1/nlp/personas/${persona}/summary`, { token: t })).json()) as Briefing
    const coo = await brief(token, 'coo')
    expect(coo.points[0]).toMatchObject({ topic: 'jobs', source: 'jobs' })
    expect(coo.points[0]?.text).toMatch(/^Jobs in the last 7 days: [1-9]\d* succeeded/)
    const cro = await brief(token, 'cro')
    expect(cro.points.find((p) => p.topic === 'records')?.text).toMatch(/^2 records stored from 1 connection\.$/)

    const other = (await signup('Unbriefed Co')).tokens.access_token
    const theirs = await brief(other, 'data_engineer')
    expect(JSON.stringify(theirs)).not.toContain('Briefed CRM')
    expect(theirs.points.find((p) => p.topic === 'sync_freshness')?.text).toBe('No source is connected yet.')
    await expectProblem(await call('/v1/nlp/personas/ceo/summary', { token }), 400, 'validation_failed')
  })
})
