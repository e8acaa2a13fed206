// Personas edited per workspace: an admin's edit changes routing, answering (the retrieval filter) and the
// briefing at once, is audited, can be undone, and is invisible to every other workspace.
import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, withTenant } from '../../../workers/adapters/db/client.ts'
import { type Account, addMember, call, expectProblem, signup } from '../../support/api.ts'
import { uploadKbDocument } from '../../support/kb.ts'

interface Persona {
  id: string
  title: string
  focus: string
  tools: string[]
  filter: Record<string, unknown>
  enabled: boolean
  customised: boolean
}

const personas = async (token: string) => {
  const res = await call('/v1/nlp/personas', { token })
  expect(res.status).toBe(200)
  return ((await res.json()) as { data: Persona[] }).data
}
const put = (token: string, persona: string, body: unknown) =>
  call(`/v1/nlp/personas/${persona}`, { method: 'PUT', token, body })
const ask = async (token: string, body: Record<string, unknown>) => {
  const res = await call('/v1/nlp/query', { token, body })
  return {
    res,
    body: (await res.clone().json()) as {
      persona: { persona: string; title: string }
      citations: { document_key: string }[]
    },
  }
}

async function auditActions(tenantId: string) {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    const rows = await withTenant(db, tenantId, (tx) =>
      tx.execute(sql`select action, target_id from audit_log where target_type = 'persona' order by created_at`),
    )
    return rows.rows as { action: string; target_id: string }[]
  } finally {
    await close()
  }
}

describe('personas per workspace', () => {
  let a: Account
  let b: Account
  beforeAll(async () => {
    a = await signup('Persona Edit Co')
    b = await signup('Persona Default Co')
    for (const account of [a, b]) {
      await uploadKbDocument(account.tokens.access_token, {
        key: 'finance/budget.md',
        format: 'markdown',
        content: '# Budget\n\nThe marketing budget for Q3 is 40,000 euro.',
      })
      await uploadKbDocument(account.tokens.access_token, {
        key: 'finance/budget-notes.txt',
        format: 'text',
        content: 'Budget notes: the Q3 marketing budget was first planned at 55,000 euro.',
      })
    }
  })

  it('lists the defaults, none customised', async () => {
    const list = await personas(b.tokens.access_token)
    expect(list.map((p) => p.id)).toEqual(['cfo', 'cro', 'coo', 'cto', 'data_engineer'])
    expect(list.every((p) => !p.customised && p.enabled)).toBe(true)
    expect(list[0]).toMatchObject({ title: 'CFO', tools: ['knowledge_search', 'workspace_briefing'], filter: {} })
  })

  it('an admin’s edit changes the title, the retrieval filter and routing in that workspace only', async () => {
    const token = a.tokens.access_token
    const before = await ask(token, { question: 'What is the Q3 marketing budget?' })
    expect(before.body.persona.persona).toBe('cfo')
    expect(new Set(before.body.citations.map((c) => c.document_key))).toEqual(
      new Set(['finance/budget.md', 'finance/budget-notes.txt']),
    )

    const res = await put(token, 'cfo', {
      title: 'Finance lead',
      focus: 'You brief the finance lead. Figures first.',
      filter: { source_kinds: ['markdown'] },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({
      id: 'cfo',
      title: 'Finance lead',
      focus: 'You brief the finance lead. Figures first.',
      filter: { source_kinds: ['markdown'] },
      tools: ['knowledge_search', 'workspace_briefing'],
      enabled: true,
      customised: true,
    })

    const after = await ask(token, { question: 'What is the Q3 marketing budget?' })
    expect(after.body.persona).toMatchObject({ persona: 'cfo', title: 'Finance lead' })
    // The filter is the persona's: the plain-text notes are no longer retrieved.
    expect(after.body.citations.map((c) => c.document_key)).toEqual(['finance/budget.md'])
    const brief = await call('/v1/nlp/personas/cfo/summary', { token })
    expect(((await brief.json()) as { title: string }).title).toBe('Finance lead')

    // Disabled, the CFO is no longer routed to, and cannot be asked for.
    expect((await put(token, 'cfo', { enabled: false })).status).toBe(200)
    const rerouted = await ask(token, { question: 'What is the Q3 marketing budget?' })
    expect(rerouted.body.persona.persona).not.toBe('cfo')
    const refused = await ask(token, { question: 'What is the Q3 marketing budget?', persona: 'cfo' })
    expect((await expectProblem(refused.res, 409, 'conflict')).detail).toContain('disabled')
    // A new edit replaces the previous one whole: the title is the default again.
    expect((await personas(token)).find((p) => p.id === 'cfo')).toMatchObject({ title: 'CFO', enabled: false })

    // B sees none of it.
    const theirs = await personas(b.tokens.access_token)
    expect(theirs.find((p) => p.id === 'cfo')).toMatchObject({ title: 'CFO', enabled: true, customised: false })
    const bAnswer = await ask(b.tokens.access_token, { question: 'What is the Q3 marketing budget?' })
    expect(bAnswer.body.persona).toMatchObject({ persona: 'cfo', title: 'CFO' })
    expect(bAnswer.body.citations).toHaveLength(2)
  })

  it('a persona without a tool is refused that tool', async () => {
    const token = a.tokens.access_token
    expect((await put(token, 'cto', { tools: ['knowledge_search'] })).status).toBe(200)
    const brief = await call('/v1/nlp/personas/cto/summary', { token })
    expect((await expectProblem(brief, 409, 'conflict')).detail).toContain('workspace_briefing')
  })

  it('DELETE restores the defaults; a second DELETE finds nothing to restore; both writes are audited', async () => {
    const token = a.tokens.access_token
    expect((await put(token, 'coo', { title: 'Ops' })).status).toBe(200)
    const reset = await call('/v1/nlp/personas/coo', { method: 'DELETE', token })
    expect(reset.status).toBe(200)
    expect(await reset.json()).toMatchObject({ id: 'coo', title: 'COO', customised: false })
    await expectProblem(await call('/v1/nlp/personas/coo', { method: 'DELETE', token }), 404, 'not_found')
    const actions = await auditActions(a.tenantId)
    expect(actions).toContainEqual({ action: 'persona.updated', target_id: 'coo' })
    expect(actions).toContainEqual({ action: 'persona.reset', target_id: 'coo' })
    expect(await auditActions(b.tenantId)).toEqual([])
  })

  it('refuses bad input with a problem naming the field, and a member or another workspace’s edit', async () => {
    const token = a.tokens.access_token
    await expectProblem(await put(token, 'cfo', { tools: ['shell'] }), 400, 'validation_failed')
    await expectProblem(await put(token, 'cfo', { title: '' }), 400, 'validation_failed')
    await expectProblem(await put(token, 'cfo', { vocabulary: ['x'] }), 400, 'validation_failed')
    await expectProblem(await put(token, 'cfo', { filter: { source_kinds: ['video'] } }), 400, 'validation_failed')
    await expectProblem(await put(token, 'ceo', { title: 'CEO' }), 400, 'validation_failed')
    const member = await addMember(token, { role: 'member' })
    await expectProblem(await put(member.tokens.access_token, 'cfo', { title: 'Mine' }), 403, 'forbidden')
    await expectProblem(
      await call('/v1/nlp/personas/cfo', { method: 'DELETE', token: member.tokens.access_token }),
      403,
      'forbidden',
    )
    await expectProblem(
      await call('/v1/nlp/personas/cfo', { method: 'PUT', body: { title: 'y' } }),
      401,
      'unauthorized',
    )
    expect((await put(token, 'cfo', { title: 'Finance' })).status).toBe(200)
    // B's admin resetting its own CFO does not touch A's edit.
    await expectProblem(
      await call('/v1/nlp/personas/cfo', { method: 'DELETE', token: b.tokens.access_token }),
      404,
      'not_found',
    )
    expect((await personas(token)).find((p) => p.id === 'cfo')).toMatchObject({ title: 'Finance', customised: true })
  })
})
