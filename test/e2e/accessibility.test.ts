/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { NAV } from '../../app/lib/nav.ts'
import { violations } from '../support/axe.ts'
import { launchChromium } from '../support/browser.ts'

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')
/** Signs up through the API and opens the emailed link, which signs the browser in. */
async function signIn(page: Page) {
  const email = `a11y-${Date.now()}@example.com`
  const started = await fetch(`${base}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'a11y passphrase 2026', tenant_name: 'Accessible Co' }),
  })
  expect(started.status).toBe(202)
  const mail = await fetch(`${inject('salesforceUrl')}/mailbox/messages?to=${encodeURIComponent(email)}`)
  const { data } = (await mail.json()) as { data: { text: string }[] }
  const link = data.map((m) => /(https?:\/\/\S+\/verify-email\?token=[^\s"<]+)/.exec(m.text)?.[1]).find(Boolean)
  expect(link, 'the verification email').toBeTruthy()
  await page.goto(link as string)
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
}

describe.skipIf(Boolean(skipReason))('accessibility (axe-core, WCAG 2.1 AA) in both themes', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  test('on a phone the menu is a drawer a keyboard can use: focus moves in, Escape closes it and returns focus', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await signIn(page)
    const opener = page.getByRole('button', { name: 'Open menu' })
    await opener.click()
    const drawer = page.getByRole('dialog', { name: 'Menu' })
    await drawer.waitFor()
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    // Everything in it can be reached, down to signing out.
    await drawer.getByRole('button', { name: 'Sign out' }).scrollIntoViewIfNeeded()
    expect(await drawer.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'detached' })
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true)
    await context.close()
  }, 60_000)

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every page has no violations in the ${colorScheme} theme`, async () => {
      // The theme follows the system's preference until a user picks one.
      // bypassCSP lets the test inject axe-core; the console's own policy forbids inline scripts.
      const context = await browser.newContext({
        baseURL: base,
        colorScheme,
        bypassCSP: true,
        viewport: { width: 1440, height: 900 },
      })
      const page = await context.newPage()
      const failures: string[] = []
      for (const path of ['/login', '/signup', '/forgot-password']) {
        await page.goto(path)
        await page.getByRole('heading', { level: 1 }).waitFor()
        failures.push(...(await violations(page)).map((v) => `${path}: ${v}`))
      }
      await signIn(page)
      // A keyboard's first stop skips the navigation and lands on the page itself.
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
      await page.keyboard.press('Enter')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
      for (const { to } of NAV) {
        await page.goto(to)
        await page.getByRole('heading', { level: 1 }).waitFor()
        // Let the page's data arrive, so what is checked is what a person reads (the live stream never idles).
        await page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => {})
        failures.push(...(await violations(page)).map((v) => `${to}: ${v}`))
      }
      await context.close()
      expect(failures).toEqual([])
    }, 180_000)
  }
})
