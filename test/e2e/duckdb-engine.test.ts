/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { waitForJob } from '../../scripts/lib/api-client.ts'
import { launchChromium, signInOnConsole, signUpConfirmed } from '../support/browser.ts'

// The preview's DuckDB engine lives in a shared worker per signed-in account and tab: a reload finds it
// running; another tab has its own; signing out ends it, so the next account never reaches its tables.

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')

type Account = { email: string; password: string; token: string; streamId: string }

async function accountWithStream(name: string, stream: string, csv: string): Promise<Account> {
  const email = `${name}-${Date.now()}@example.com`
  const password = `${name} passphrase 2026`
  const token = await signUpConfirmed(base, inject('salesforceUrl'), { email, password, tenant_name: name })
  const call = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    })
    expect(res.ok, `${path}: ${res.status}`).toBe(true)
    return (await res.json()) as T
  }
  const { id } = await call<{ id: string }>('/v1/connections', {
    method: 'POST',
    body: JSON.stringify({ kind: 'file', name: `${name} export` }),
  })
  const { job_id } = await call<{ job_id: string }>(`/v1/connections/${id}/files?stream=${stream}`, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv' },
  })
  expect(await waitForJob(base, token, job_id)).toBe('succeeded')
  const streams = await call<{ data: { id: string }[] }>(`/v1/connections/${id}/streams`)
  return { email, password, token, streamId: streams.data[0]?.id as string }
}

describe.skipIf(Boolean(skipReason))('the preview engine across reloads, tabs and accounts (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let first: Account
  let second: Account

  const openPreview = async (target: Page, account: Account) => {
    await target.goto(`/streams/${account.streamId}/preview`)
    const status = target.locator('[data-testid=preview-status][data-phase=ready]')
    await status.waitFor({ timeout: 60_000 })
    return status
  }
  const runSql = async (target: Page, sql: string) => {
    await target.fill('[data-testid=sql]', sql)
    await target.locator('[data-testid=run-sql]').click()
  }

  beforeAll(async () => {
    first = await accountWithStream('engine-one', 'orders', 'id,amount\n1,10\n2,20\n3,30\n')
    second = await accountWithStream('engine-two', 'invoices', 'id,total\n1,5\n')
    browser = await launchChromium()
    context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    await signInOnConsole(page, first.email, first.password)
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('a reload finds the engine running with the stream loaded; another tab has an engine of its own', async () => {
    const status = await openPreview(page, first)
    expect(await status.getAttribute('data-engine-reused')).toBe('false')
    await page.reload()
    await status.waitFor({ timeout: 60_000 })
    expect(await status.getAttribute('data-engine-reused')).toBe('true')
    expect(await status.textContent()).toContain('engine already running')
    await runSql(page, 'SELECT sum(amount) AS total FROM orders')
    await expect.poll(() => page.locator('[data-testid=results] tbody').textContent()).toBe('60')
    // A table made in this tab is not in the other tab's engine, so a preview there cannot overwrite it.
    await runSql(page, 'CREATE TABLE scratch AS SELECT 41 + 1 AS answer')
    await runSql(page, 'SELECT answer FROM scratch')
    await expect.poll(() => page.locator('[data-testid=results] tbody').textContent()).toBe('42')

    const tab = await context.newPage()
    const tabStatus = await openPreview(tab, first)
    expect(await tabStatus.getAttribute('data-engine-reused')).toBe('false')
    await runSql(tab, 'SELECT count(*) AS n FROM orders')
    await expect.poll(() => tab.locator('[data-testid=results] tbody').textContent()).toBe('3')
    await runSql(tab, 'SELECT answer FROM scratch')
    await expect.poll(() => tab.locator('[data-testid=sql-error]').textContent()).toContain('scratch')
    await tab.close()
  })

  /** Signs out, then in as `account`: its preview starts an engine of its own, in which `foreign` is absent. */
  const signOutAndInAs = async (account: Account, foreign: string) => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login/)
    await signInOnConsole(page, account.email, account.password)
    const status = await openPreview(page, account)
    expect(await status.getAttribute('data-engine-reused')).toBe('false')
    await runSql(page, `SELECT count(*) AS n FROM ${foreign}`)
    await expect.poll(() => page.locator('[data-testid=sql-error]').textContent()).toContain(foreign)
  }

  test('signing out ends the engine: the next account starts its own and cannot read the last one’s tables', async () => {
    await signOutAndInAs(second, 'orders')
    await runSql(page, 'SELECT total FROM invoices')
    await expect.poll(() => page.locator('[data-testid=results] tbody').textContent()).toBe('5')
    // Back as the first account: its engine was ended at sign-out, so it starts afresh and reloads its stream.
    await signOutAndInAs(first, 'invoices')
  })
})
