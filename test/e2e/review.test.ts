/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { expectAccessibleOnEveryScreen } from '../support/axe.ts'
import { launchChromium, signInOnConsole, signUpConfirmed } from '../support/browser.ts'

// Issue 18 point 3 in the browser: a repair the engine proposes in Safe Mode waits on AOS Review with
// its registry diff; approving applies it, and it can be reverted from Recent repairs.

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')

describe.skipIf(Boolean(skipReason))('AOS Review (Chromium)', () => {
  let browser: Browser
  let page: Page
  let token = ''
  let connectionId = ''
  const email = `review-${Date.now()}@example.com`
  const password = 'review passphrase 2026'
  const fake = () => `${inject('salesforceUrl')}/salesforce`
  const clientId = `3MVG9-${crypto.randomUUID().slice(0, 8)}`

  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    })
    expect(res.ok, `${path}: ${res.status} ${await res.clone().text()}`).toBe(true)
    return (await res.json()) as T
  }
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${fake()}/_control/${clientId}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  /** Syncs the connection and waits until no job of the workspace is queued or running. */
  const syncAndSettle = async (id: string) => {
    await api(`/v1/connections/${id}/sync`, { method: 'POST' })
    await expect
      .poll(
        async () =>
          (await api<{ data: { status: string }[] }>('/v1/jobs?limit=100')).data.some(
            (j) => j.status === 'queued' || j.status === 'running',
          ),
        { timeout: 60_000, interval: 300 },
      )
      .toBe(false)
  }

  beforeAll(async () => {
    token = await signUpConfirmed(base, inject('salesforceUrl'), { email, password, tenant_name: 'Review E2E' })
    browser = await launchChromium()
    // bypassCSP lets the test inject axe-core; the console's own policy forbids inline scripts.
    page = await (
      await browser.newContext({ baseURL: base, bypassCSP: true, viewport: { width: 1280, height: 900 } })
    ).newPage()
    await signInOnConsole(page, email, password)
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('a repair proposed in Safe Mode shows its diff, is approved, then reverted from Recent repairs', async () => {
    await page.goto('/review')
    await page.getByTestId('review-empty').waitFor()
    expect(await page.getByTestId('review-empty').textContent()).toContain('Safe Mode')

    // A Salesforce org in the stand-in, synced once, then its Phone field renamed: the engine proposes a
    // remap and, the workspace being in Safe Mode (the default), leaves it for a person.
    await api('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', body: { value: true } })
    const { id } = await api<{ id: string }>('/v1/connections', {
      body: {
        kind: 'salesforce',
        name: 'Review CRM',
        credentials: { client_id: clientId, client_secret: `secret-${clientId}` },
        config: { login_url: fake(), objects: ['Contact'] },
      },
    })
    connectionId = id
    await syncAndSettle(id)
    await control('rename-field', { object: 'Contact', from: 'Phone', to: 'PhoneNumber' })
    await control('records/Contact', {
      records: [{ FirstName: 'Nova', LastName: 'Quinn', PhoneNumber: '+1 555 0100' }],
    })
    await syncAndSettle(id)
    await expect
      .poll(async () => (await api<{ data: unknown[] }>('/v1/repairs?status=proposed')).data.length, {
        timeout: 30_000,
      })
      .toBe(1)

    // Live: the page refreshes on its own once the repair is proposed.
    const item = page.getByTestId('review-item-repair')
    await item.waitFor({ timeout: 30_000 })
    const text = (await item.textContent()) ?? ''
    expect(text).toContain('Review CRM')
    expect(text).toMatch(/\d+% confident/)
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    const diff = item.getByTestId('review-diff')
    expect(await diff.locator('s', { hasText: 'Phone' }).count()).toBe(1)
    expect(await diff.textContent()).toContain('PhoneNumber')
    expect(await page.getByTestId('review-counts').textContent()).toContain('1 repair')
    // The full queue (the accessibility sweep sees it empty): axe clean in both themes, and no sideways
    // scroll on a 390 px phone.
    await expectAccessibleOnEveryScreen(page, async () => {
      await page.reload()
      await item.waitFor()
    })

    await item.getByRole('textbox').fill('renamed upstream')
    await item.getByTestId('review-approve').click()
    await page.getByTestId('review-item-repair').waitFor({ state: 'detached' })
    const recent = page.getByTestId('recent-repairs')
    await expect.poll(() => recent.textContent()).toContain('applied')
    expect(await recent.textContent()).toContain('renamed upstream')

    await recent.getByTestId('repair-revert').click()
    await expect.poll(() => recent.textContent()).toContain('reverted')
    expect(await recent.getByTestId('repair-revert').count()).toBe(0)
    const [repair] = (await api<{ data: { status: string }[] }>('/v1/repairs')).data
    expect(repair?.status).toBe('reverted')
  })

  test('edit then approve writes the edited transform instead of the proposal’s', async () => {
    await control('rename-field', { object: 'Contact', from: 'Email', to: 'EmailAddress' })
    await syncAndSettle(connectionId)
    const proposed = async () => (await api<{ data: { id: string }[] }>('/v1/repairs?status=proposed')).data
    await expect.poll(async () => (await proposed()).length, { timeout: 30_000 }).toBe(1)
    const [repair] = await proposed()

    await page.goto('/review')
    const item = page.getByTestId('review-item-repair')
    await item.getByTestId('review-edit').click()
    const dialog = page.getByRole('dialog', { name: 'Edit, then approve' })
    await dialog.getByLabel('Transform for EmailAddress').selectOption('lowercase')
    await dialog.getByTestId('repair-edit-approve').click()
    await dialog.waitFor({ state: 'detached' })
    await item.waitFor({ state: 'detached' })
    const stored = await api<{ status: string; writes: { source_path: string; transform: string; status: string }[] }>(
      `/v1/repairs/${repair?.id}`,
    )
    expect(stored.status).toBe('applied')
    expect(stored.writes).toEqual(
      expect.arrayContaining([expect.objectContaining({ source_path: 'EmailAddress', transform: 'lowercase' })]),
    )
  })

  test('a bulk decision lists what was not decided, and why', async () => {
    await control('rename-field', { object: 'Contact', from: 'Title', to: 'JobTitle' })
    await syncAndSettle(connectionId)
    const proposed = async () => (await api<{ data: { id: string }[] }>('/v1/repairs?status=proposed')).data
    await expect.poll(async () => (await proposed()).length, { timeout: 30_000 }).toBe(1)
    const [repair] = await proposed()

    // The page's live stream is held, as on a slow network: the decision taken elsewhere must not reach the
    // page before the click, or the list drops the repair first and nothing is left to fail.
    await page.route('**/v1/events/stream?**', (route) => route.abort())
    try {
      await page.goto('/review')
      await page.getByTestId('review-item-repair').waitFor()
      await page.getByLabel('Select all').check()
      // Someone else decides the repair first: the bulk approval still decides the rest and says so.
      await api(`/v1/repairs/${repair?.id}/reject`, { body: { comment: 'decided elsewhere' } })
      await page.getByTestId('review-bulk-approve').click()
      const alert = page.getByRole('alert').filter({ hasText: 'did not go through' })
      await alert.waitFor()
      expect(await alert.textContent()).toContain('1 decision did not go through')
      // The queue refreshes after the decisions and no longer holds the repair: what did not go through is
      // still said, under the repair's summary, with the API's detail.
      await expect.poll(() => page.getByTestId('review-item-repair').count()).toBe(0)
      expect(await alert.locator('li').count()).toBe(1)
      const [summary, detail] = (await alert.locator('li').textContent())?.split(': ') ?? []
      expect(summary).toContain('JobTitle')
      expect(detail?.length).toBeGreaterThan(10)
    } finally {
      await page.unroute('**/v1/events/stream?**')
    }
  })

  test('Settings leaves Safe Mode only after confirming; a connection has its own switch', async () => {
    await page.goto('/settings')
    const safeMode = page.getByTestId('safe-mode')
    expect(await safeMode.isChecked()).toBe(true)
    await safeMode.dispatchEvent('click')
    const confirm = page.getByRole('dialog', { name: 'Leave Safe Mode?' })
    expect(await confirm.textContent()).toContain('applies itself')
    await confirm.getByTestId('safe-mode-leave').click()
    await confirm.waitFor({ state: 'detached' })
    await expect.poll(async () => (await api<{ safe_mode: boolean }>('/v1/settings/automation')).safe_mode).toBe(false)
    await expect.poll(() => safeMode.isChecked()).toBe(false)

    await page.goto(`/connections/${connectionId}`)
    const own = page.getByTestId('connection-safe-mode')
    expect(await own.isChecked()).toBe(true)
    await own.click()
    await expect
      .poll(async () => (await api<{ safe_mode: boolean }>(`/v1/connections/${connectionId}`)).safe_mode)
      .toBe(false)
    await expect.poll(() => own.isChecked()).toBe(false)
  })
})
