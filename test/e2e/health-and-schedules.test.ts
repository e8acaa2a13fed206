/// <reference lib="dom" />
import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { startCronTicker } from '../../scripts/lib/cron-ticker.ts'
import { launchChromium, signInOnConsole, signUpConfirmed } from '../support/browser.ts'

// Issue 14 points 1 and 2 in the browser: a failing source looks failing everywhere, and an overdue
// schedule is flagged until the launcher's ticker (what `npm start` runs) fires it.

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')

describe.skipIf(Boolean(skipReason))('connection health and schedules (Chromium)', () => {
  let browser: Browser
  let page: Page
  let token = ''
  const email = `health-${Date.now()}@example.com`
  const password = 'health passphrase 2026'

  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    })
    expect(res.ok, `${path}: ${res.status}`).toBe(true)
    return (await res.json()) as T
  }

  beforeAll(async () => {
    token = await signUpConfirmed(base, inject('salesforceUrl'), { email, password, tenant_name: 'Health E2E' })
    browser = await launchChromium()
    page = await (await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })).newPage()
    await signInOnConsole(page, email, password)
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('a source whose sync failed shows failing on the dashboard, the list and its page, with what to do', async () => {
    // Nothing listens on port 1: every attempt is refused.
    const { id } = await api<{ id: string }>('/v1/connections', {
      body: { kind: 'postgres', name: 'Unreachable CRM', url: 'postgres://crm:secret@127.0.0.1:1/crm' },
    })
    await api(`/v1/connections/${id}/sync`, { method: 'POST' })
    await expect
      .poll(async () => (await api<{ health: { state: string } }>(`/v1/connections/${id}`)).health.state)
      .toBe('failing')

    const badge = (where: Page) => where.locator(`a[href="/connections/${id}"] [data-testid=health]`)
    await page.goto('/')
    await expect.poll(() => badge(page).getAttribute('data-state')).toBe('failing')
    expect(await badge(page).textContent()).toContain('failing')
    await page.goto('/connections')
    await expect.poll(() => badge(page).getAttribute('data-state')).toBe('failing')
    await page.goto(`/connections/${id}`)
    const banner = page.getByTestId('health-banner')
    await expect.poll(() => banner.textContent()).toContain('Syncing is failing')
    expect(await banner.textContent()).toMatch(/Last error: .+/)
    expect(await banner.textContent()).toContain('Sync now')
  })

  test('an overdue schedule is flagged with its cron in words, and the launcher’s ticker fires it', async () => {
    const { id } = await api<{ id: string }>('/v1/connections', {
      body: { kind: 'file', name: 'Scheduled feed', schedule: '*/5 * * * *' },
    })
    // As if nothing had fired the schedule for ten minutes (a plain `wrangler dev`).
    const db = new pg.Client({ connectionString: inject('sourceDatabaseUrl') })
    await db.connect()
    await db.query(`update connections set next_sync_at = now() - interval '10 minutes' where id = $1`, [id])
    await db.end()

    await page.goto('/connections')
    const card = page.locator(`a[href="/connections/${id}"]`)
    await expect.poll(() => card.getByTestId('schedule-words').textContent()).toContain('Every 5 minutes */5 * * * *')
    expect(await card.getByTestId('schedule-words').textContent()).toContain('overdue')
    await page.goto(`/connections/${id}`)
    await expect.poll(() => page.getByTestId('overdue').textContent()).toContain('Schedule overdue')
    expect(await page.getByTestId('cron-words').textContent()).toBe('Every 5 minutes')

    const problems: string[] = []
    const ticker = startCronTicker(base, { periodMs: 1000, log: (line) => problems.push(line) })
    try {
      await expect
        .poll(async () => {
          const jobs = await api<{ data: { payload: { connection_id: string }; created_by: string | null }[] }>(
            '/v1/jobs?kind=aam.sync',
          )
          return jobs.data.filter((j) => j.payload.connection_id === id && j.created_by === null).length
        })
        .toBe(1)
    } finally {
      ticker.stop()
    }
    expect(problems).toEqual([])
    // The sync moved the schedule on: the page drops the flag and shows it synced.
    const after = await api<{ next_sync_at: string }>(`/v1/connections/${id}`)
    expect(new Date(after.next_sync_at).getTime()).toBeGreaterThan(Date.now())
    await page.reload()
    await expect.poll(() => page.getByTestId('next-sync').textContent()).not.toContain('overdue')
    expect(await page.getByTestId('overdue').count()).toBe(0)
  })
})
