/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { NAV } from '../../app/lib/nav.ts'
import { launchChromium, signInOnConsole, signUpConfirmed } from '../support/browser.ts'

// Issue 14 points 3, 5, 6 and 8 in the browser: every page fits a phone, a widget's dot says whether its
// data is live or the stream is down, navigation shows progress and a failure says what to do, and the
// copy reads as words (config values, secrets with a copy button, forms that clear).

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')
const PHONE = { width: 390, height: 844 }

const CSV = [
  'id,email,full_name,notes',
  ...Array.from({ length: 30 }, (_, i) => `${i + 1},user${i + 1}@example.com,User ${i + 1},${'long-note-'.repeat(8)}`),
].join('\n')

/** What sticks out past the viewport's right edge, for a readable failure. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const scroll = document.scrollingElement?.scrollWidth ?? 0
    const culprits: string[] = []
    if (scroll > width)
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = el.getBoundingClientRect()
        if (r.right > width + 1 && r.width > 0 && !el.closest('[data-overflow-ok]')) {
          const parentTooWide = el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1
          if (!parentTooWide || culprits.length < 3)
            culprits.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} → ${Math.round(r.right)}px`)
        }
        if (culprits.length > 8) break
      }
    return { scroll, culprits }
  })

describe.skipIf(Boolean(skipReason))('phones, live dots and navigation feedback (Chromium)', () => {
  let browser: Browser
  let token = ''
  let connectionId = ''
  let streamId = ''
  const email = `phone-${Date.now()}@example.com`
  const password = 'phone passphrase 2026'

  const api = async <T>(path: string, init: { method?: string; body?: unknown; raw?: string } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? (init.body || init.raw ? 'POST' : 'GET'),
      headers: {
        'content-type': init.raw ? 'text/csv' : 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      ...(init.raw ? { body: init.raw } : {}),
    })
    expect(res.ok, `${path}: ${res.status}`).toBe(true)
    return (await res.json()) as T
  }

  const signIn = (page: Page) => signInOnConsole(page, email, password)

  beforeAll(async () => {
    token = await signUpConfirmed(base, inject('salesforceUrl'), { email, password, tenant_name: 'Phone E2E' })
    // Some data, so tables, charts and previews have rows to lay out.
    connectionId = (
      await api<{ id: string }>('/v1/connections', {
        body: { kind: 'file', name: 'A connection with a rather long name for a phone screen', primary_key: 'id' },
      })
    ).id
    await api(`/v1/connections/${connectionId}/files?stream=contacts`, { raw: CSV })
    for (let tries = 0; tries < 120; tries++) {
      const streams = await api<{ data: { id: string; record_count: number }[] }>(
        `/v1/connections/${connectionId}/streams`,
      )
      streamId = streams.data[0]?.id ?? ''
      if (streams.data[0]?.record_count === 30) break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('no page scrolls sideways on a 390 px phone, and the drawer reaches theme and Sign out', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: PHONE })
    const page = await context.newPage()
    const wide: string[] = []
    const check = async (path: string) => {
      const { scroll, culprits } = await overflow(page)
      if (scroll > PHONE.width) wide.push(`${path}: ${scroll}px wide (${culprits.join('; ')})`)
    }
    for (const path of ['/login', '/signup', '/forgot-password']) {
      await page.goto(path)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await check(path)
    }
    await signIn(page)
    const paths = [
      ...NAV.map((n) => n.to),
      `/connections/${connectionId}`,
      `/drift?stream=${streamId}`,
      `/streams/${streamId}/preview`,
    ]
    for (const path of paths) {
      await page.goto(path)
      await page.getByRole('heading', { level: 1 }).waitFor()
      if (path.endsWith('/preview'))
        await page.locator('[data-testid=preview-status][data-phase=ready]').waitFor({ timeout: 60_000 })
      await page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => {})
      await check(path)
    }
    // The drawer: both theme and Sign out are on screen once scrolled to, and Escape closes it.
    await page.goto('/')
    await page.getByRole('button', { name: 'Open menu' }).click()
    const drawer = page.getByRole('dialog', { name: 'Menu' })
    await drawer.waitFor()
    for (const control of [drawer.getByTestId('theme-toggle'), drawer.getByRole('button', { name: 'Sign out' })]) {
      await control.scrollIntoViewIfNeeded()
      const box = await control.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height).toBe(true)
    }
    // Tab stays inside the open drawer.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab')
      expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    }
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'detached' })
    await context.close()
    expect(wide).toEqual([])
  }, 300_000)

  test('live dots turn amber with “reconnecting” while the stream is down, and live again after', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page)
    const states = () =>
      page
        .locator('[data-widget] [data-live]')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-live')))])
    await expect.poll(states).toEqual(['live'])
    // Screen readers hear the state.
    expect(await page.locator('[data-widget] [data-live]').first().textContent()).toBe('live data')

    // The network drops, and the stream cannot come back while it is down.
    await page.route('**/v1/events/stream**', (route) => route.abort())
    await context.setOffline(true)
    await expect.poll(states).toEqual(['stale'])
    expect(await page.locator('[data-widget] [data-live]').first().textContent()).toContain('reconnecting')
    await page.locator('[data-testid=live-status][data-status=reconnecting]').waitFor()

    await context.setOffline(false)
    await page.unroute('**/v1/events/stream**')
    await expect.poll(states).toEqual(['live'])
    await page.locator('[data-testid=live-status][data-status=open]').waitFor()

    // The server refuses the stream (the browser still online): amber until it is served again.
    await page.route('**/v1/events/stream?**', (route) => route.fulfill({ status: 503, body: 'busy' }))
    await page.reload()
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    await page.locator('[data-testid=live-status][data-status=reconnecting]').waitFor()
    await expect.poll(states).toEqual(['stale'])
    await page.unroute('**/v1/events/stream?**')
    await expect.poll(states).toEqual(['live'])

    // A vendor stand-in's data is marked as such, not as live; a file the user uploaded is live.
    await page.goto(`/connections/${connectionId}`)
    await page.locator('[data-widget="connection.streams"] [data-live=live]').waitFor()
    await page.goto('/connections')
    await page.getByRole('button', { name: 'New connection' }).click()
    await page.fill('input[name=name]', 'Salesforce stand-in')
    await page.getByRole('dialog').locator('select[name=kind]').selectOption('salesforce')
    await page.fill('input[name=login_url]', `${inject('salesforceUrl')}/salesforce`)
    await page.fill('input[name=client_id]', 'e2e-org')
    await page.fill('input[name=client_secret]', 'secret-e2e-org')
    await page.getByRole('button', { name: 'Create connection' }).click()
    await page.getByRole('heading', { name: 'Salesforce stand-in', level: 1 }).waitFor()
    const streams = page.locator('[data-widget="connection.streams"]')
    await streams.locator('[data-live=demo]').waitFor()
    expect(await streams.locator('[data-live]').textContent()).toContain('demo data from a vendor stand-in')
    expect(await streams.getByText('demo data', { exact: true }).isVisible()).toBe(true)
    await context.close()
  }, 120_000)

  test('a slow navigation shows progress, and a failed one says what to do', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page)
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.route('**/v1/jobs**', async (route) => {
      await held
      await route.continue()
    })
    await page.getByRole('link', { name: 'Jobs', exact: true }).first().click()
    const progress = page.getByRole('progressbar', { name: 'Loading page' })
    await progress.waitFor()
    release()
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor()
    await progress.waitFor({ state: 'detached' })
    await page.unroute('**/v1/jobs**')

    await page.route('**/v1/connections**', (route) => route.abort('internetdisconnected'))
    await page.getByRole('link', { name: 'API Mesh Connections' }).first().click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).not.toContain('Failed to fetch')
    expect(text).toContain('Check your network connection')
    await page.unroute('**/v1/connections**')
    await alert.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('heading', { name: 'API Mesh Connections', level: 1 }).waitFor()
    await context.close()
  }, 120_000)

  test('at 1440 px config reads as words inside its card; a new API key can be copied; forms clear after success', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const page = await context.newPage()
    await signIn(page)
    await page.goto(`/connections/${connectionId}`)
    const config = page.getByTestId('connection-config')
    await config.waitFor()
    // Values show as text, not quoted JSON, and none is cut off.
    const values = await config
      .locator('dd')
      .evaluateAll((dds) => dds.map((d) => ({ text: d.textContent ?? '', clipped: d.scrollWidth > d.clientWidth })))
    expect(values.length).toBeGreaterThan(0)
    expect(values.filter((v) => v.clipped || v.text.startsWith('"'))).toEqual([])

    await page.goto('/settings')
    await page.fill('input[name=name]', 'nightly sync')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    const created = page.getByTestId('created-key')
    await created.waitFor()
    const key = (await created.locator('code').textContent()) ?? ''
    expect(key.length).toBeGreaterThan(20)
    expect(await page.inputValue('input[name=name]')).toBe('')
    await created.getByRole('button', { name: 'Copy key' }).click()
    await created.getByRole('status').filter({ hasText: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)

    // A document added to the knowledge base leaves an empty form for the next one.
    await page.goto('/knowledge')
    await page.fill('input[name=key]', 'handbook/phones.md')
    await page.fill('textarea[name=content]', '# Phones\n\nThe console fits a 390 px screen.')
    await page.getByRole('button', { name: 'Add to knowledge base' }).click()
    await page.getByRole('status').filter({ hasText: 'handbook/phones.md' }).waitFor()
    // It clears once the page's data has reloaded, just after the status shows.
    await expect.poll(() => page.inputValue('input[name=key]')).toBe('')
    expect(await page.inputValue('textarea[name=content]')).toBe('')
    await context.close()
  }, 120_000)
})
