/// <reference lib="dom" />
import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, signInOnConsole, signUpConfirmed } from '../support/browser.ts'

// "Delete and remove its data" on a connection's page: a confirmation that says what goes, then the
// purge job's progress on the Connections page until the data is gone.

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')

describe.skipIf(Boolean(skipReason))('deleting a connection with its data (Chromium)', () => {
  let browser: Browser
  let page: Page
  let token = ''
  const email = `purge-${Date.now()}@example.com`
  const password = 'purge passphrase 2026'

  const request = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    })
    expect(res.ok, `${path}: ${res.status}`).toBe(true)
    return (await res.json()) as T
  }

  beforeAll(async () => {
    token = await signUpConfirmed(base, inject('salesforceUrl'), { email, password, tenant_name: 'Purge E2E' })
    browser = await launchChromium()
    page = await (await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })).newPage()
    await signInOnConsole(page, email, password)
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('confirms what will be removed, then shows the purge until the data is gone', async () => {
    const { id } = await request<{ id: string }>('/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ kind: 'file', name: 'Wrong export' }),
    })
    const { job_id } = await request<{ job_id: string }>(`/v1/connections/${id}/files?stream=contacts`, {
      method: 'POST',
      body: 'email,name\nada@example.com,Ada\ngrace@example.com,Grace\n',
      headers: { 'content-type': 'text/csv' },
    })
    await expect.poll(async () => (await request<{ status: string }>(`/v1/jobs/${job_id}`)).status).toBe('succeeded')

    const streams = await request<{ data: { id: string }[] }>(`/v1/connections/${id}/streams`)
    const streamIds = streams.data.map((s) => s.id)
    expect(streamIds).toHaveLength(1)

    await page.goto(`/connections/${id}`)
    let confirmation = ''
    page.once('dialog', (dialog) => {
      confirmation = dialog.message()
      void dialog.accept()
    })
    await page.getByRole('button', { name: 'Delete and remove its data' }).click()
    await page.waitForURL(/\/connections\?purge=/)
    expect(confirmation).toContain('Wrong export')
    expect(confirmation).toContain('unified views')
    expect(confirmation).toContain('cannot be undone')
    await expect.poll(() => page.getByTestId('purge-status').textContent()).toContain('data is removed')

    const db = new pg.Client({ connectionString: inject('sourceDatabaseUrl') })
    await db.connect()
    const { rows } = await db.query('select count(*)::int as n from records where stream_id = any($1::uuid[])', [
      streamIds,
    ])
    await db.end()
    expect(rows[0].n).toBe(0)
  })
})
