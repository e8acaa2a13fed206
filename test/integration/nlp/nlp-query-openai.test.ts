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
import { control, openAiStandIn, received } from '../../support/openai-stand-in.ts'

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
  const res = await createApp().request(
    '/v1/nlp/query',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${account.tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question, persona: 'cro' }),
    },
    {
      ...env,
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: `${openAiStandIn()}/v1`,
      LLM_API_KEY: 'sk-stand-in',
      LLM_MODEL: model,
      LLM_EMBEDDING_MODEL: `${model}-embed`,
    },
    createExecutionContext(),
  )
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Answer
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
      content: JSON.stringify({ answer: 'Ask <PERSON_2> at <EMAIL_1> or <PHONE_1>. [1]', cited: [1] }),
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
    const content = JSON.stringify({ answer: 'Ask <PERSON_2> at <EMAIL_1>. [1]', cited: [1] })
    await control('answer-next', { model, content })
    const theirs = await askOpenAi(b, model, 'Who owns the Initech renewal that is at risk?')
    expect(theirs.answer.text).toBe('Ask Jonas Weber at jonas.weber@initech.example. [1]')
    expect(JSON.stringify(theirs)).not.toMatch(/Maria|globex/i)
    for (const value of PII) expect(JSON.stringify((await received(model)).map((r) => r.body))).not.toContain(value)
  })
})
