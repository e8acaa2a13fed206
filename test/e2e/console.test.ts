/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium } from '../support/browser.ts'

const skipReason = inject('e2eSkipReason')
const base = skipReason ? '' : inject('consoleUrl')
const SHOTS = join(import.meta.dirname, 'screenshots')

const contacts = (header: string, row: (i: number) => string) =>
  Buffer.from([header, ...Array.from({ length: 25 }, (_, i) => row(i + 1))].join('\n'))
const FIRST = contacts('id,email,full_name,score', (i) => `${i},user${i}@example.com,User ${i},${i * 10}`)
// The source renamed full_name to name and added phone: the drift the console must show live.
const SECOND = contacts('id,email,name,score,phone', (i) => `${100 + i},next${i}@example.com,Next ${i},${i},555-01${i}`)

describe.skipIf(Boolean(skipReason))('console end to end (Chromium)', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let connectionUrl = ''
  let streamId = ''
  const email = `e2e-${Date.now()}@example.com`
  // Chromium reports whatever the console's Content-Security-Policy blocks on the page's console.
  const cspViolations: string[] = []

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    browser = await launchChromium()
    context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } })
    context.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
    })
    page = await context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Opens the newest emailed link to `path` for `to`, found on the dev inbox page as a person would. */
  const openEmailedLink = async (target: Page, to: string, path: string) => {
    const inbox = await target.context().newPage()
    await inbox.goto(`${inject('salesforceUrl')}/mailbox?to=${encodeURIComponent(to)}`)
    const href = await inbox.locator(`a[href*="${path}?token="]`).first().getAttribute('href')
    await inbox.close()
    await target.goto(href as string)
  }

  const upload = async (target: Page, name: string, buffer: Buffer) => {
    await target.fill('input[name=stream]', 'contacts')
    await target.setInputFiles('input[name=file]', { name, mimeType: 'text/csv', buffer })
    await target.getByRole('button', { name: 'Upload and sync' }).click()
    await target.getByRole('status').filter({ hasText: 'queued' }).waitFor()
  }

  test('a wrong password shows the API’s problem, not a crash', async () => {
    await page.goto('/login')
    await page.getByRole('heading', { name: 'Sign in to AutonomOS' }).waitFor()
    expect(await page.title()).toBe('AOS Sign in')
    await page.fill('input[name=email]', 'nobody@example.com')
    await page.fill('input[name=password]', 'wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email, password or tenant is not right')
  })

  test('sign up lands on a live dashboard', async () => {
    await page.goto('/signup')
    await page.fill('input[name=tenant_name]', 'E2E Analytics')
    await page.fill('input[name=email]', email)
    await page.fill('input[name=password]', 'e2e passphrase 2026')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor()
    await openEmailedLink(page, email, '/verify-email')
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    expect(await page.title()).toBe('AOS Dashboard')
    await page.locator('[data-testid=live-status][data-status=open]').waitFor()
    // Every dashboard widget is registered and shows live data.
    const dots = await page
      .locator('[data-widget] [data-live]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-live')))
    expect(dots.length).toBeGreaterThanOrEqual(4)
    expect(new Set(dots)).toEqual(new Set(['live']))
  })

  test('create a FileSource connection and sync a first upload', async () => {
    await page.getByRole('link', { name: 'API Mesh Connections' }).first().click()
    await page.getByRole('button', { name: 'New connection' }).click()
    await page.fill('input[name=name]', 'CRM exports')
    await page.fill('input[name=primary_key]', 'id')
    await page.getByRole('button', { name: 'Create connection' }).click()
    await page.getByRole('heading', { name: 'CRM exports', level: 1 }).waitFor()
    connectionUrl = page.url()
    await page.fill('[data-testid=schedule-cron]', '0 * * * *')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('[data-testid=next-sync]').textContent()).toContain('Next sync')
    await upload(page, 'contacts-1.csv', FIRST)
    // The record count arrives over SSE: no reload.
    await expect
      .poll(() => page.locator('tr[data-stream=contacts] [data-testid=record-count]').textContent(), {
        timeout: 60_000,
      })
      .toBe('25')
    // The upload is listed with what became of every row it held.
    await expect
      .poll(() => page.locator('[data-testid=files] [data-testid=row-counts]').first().textContent())
      .toBe('25 read: 25 stored · 0 quarantined · 0 skipped')
  })

  test('a second upload with a renamed column shows its drift live on the Drift page', async () => {
    const driftPage = await context.newPage()
    await driftPage.goto('/drift')
    await driftPage.getByText('No drift on this stream yet.').waitFor()
    streamId =
      new URL(driftPage.url()).searchParams.get('stream') ??
      (await driftPage.locator('[data-testid=drift-stream]').inputValue())
    await upload(page, 'contacts-2.csv', SECOND)
    const diff = driftPage.locator('[data-testid=drift-diff]').first()
    await diff.waitFor({ timeout: 60_000 })
    const renamed = diff.locator('[data-kind=renamed]')
    await expect.poll(() => renamed.textContent()).toContain('full_name')
    expect(await renamed.textContent()).toContain('name')
    expect(await renamed.textContent()).toContain('breaking')
    expect(await diff.locator('[data-kind=added]').textContent()).toContain('phone')
    // A rename is breaking: under the default policy the stream holds the upload's rows for review.
    await expect
      .poll(() => page.locator('[data-testid=files] [data-testid=row-counts]').first().textContent(), {
        timeout: 60_000,
      })
      .toContain('25 held')
    await driftPage.getByLabel('Review comment').fill('full_name is the same field')
    await driftPage.locator('[data-testid=drift-accept]').click()
    await expect
      .poll(() => driftPage.locator('[data-testid=review-status]').first().textContent())
      .toContain('accepted')
    // Accepting stores the held rows under the new schema: none was lost.
    await expect
      .poll(() => page.locator('tr[data-stream=contacts] [data-testid=record-count]').textContent(), {
        timeout: 60_000,
      })
      .toBe('50')
    await driftPage.close()
  })

  test('pause and resume the stream', async () => {
    await page.goto(`/drift?stream=${streamId}`)
    const status = page.locator('[data-testid=stream-status]')
    const initially = await status.textContent()
    if (initially?.includes('paused')) {
      await page.locator('[data-testid=stream-resume]').click()
      await expect.poll(() => status.textContent()).toContain('active')
    }
    await page.locator('[data-testid=stream-pause]').click()
    await expect.poll(() => status.textContent()).toContain('paused')
    await page.locator('[data-testid=stream-resume]').click()
    await expect.poll(() => status.textContent()).toContain('active')
  })

  test('preview the stream in DuckDB and query it with SQL', async () => {
    await page.goto(`/streams/${streamId}/preview`)
    await page.locator('[data-testid=preview-status][data-phase=ready]').waitFor({ timeout: 60_000 })
    const rows = page.locator('[data-testid=results] tbody tr')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    await page.fill('[data-testid=sql]', 'SELECT count(*) AS n, sum(score) AS total FROM contacts')
    await page.locator('[data-testid=run-sql]').click()
    await expect.poll(() => page.locator('[data-testid=results] tbody').textContent()).toMatch(/^\d+/)
    const [n, total] = await page.locator('[data-testid=results] tbody tr').first().locator('td').allTextContents()
    expect(Number(n)).toBe(50)
    expect(Number(total)).toBe(3250 + 325)
    // A SQL mistake is shown inline and the page keeps working.
    await page.fill('[data-testid=sql]', 'SELECT nope FROM contacts')
    await page.locator('[data-testid=run-sql]').click()
    await expect.poll(() => page.locator('[data-testid=sql-error]').textContent()).toContain('nope')
    await page.fill('[data-testid=sql]', 'SELECT email FROM contacts ORDER BY email LIMIT 1')
    await page.locator('[data-testid=run-sql]').click()
    await expect.poll(() => page.locator('[data-testid=results] tbody').textContent()).toContain('@example.com')
    expect(await page.locator('[data-testid=sql-error]').count()).toBe(0)
  })

  test('connect a Postgres database: test it, sync it, see its table', async () => {
    const source = new pg.Client({ connectionString: inject('sourceDatabaseUrl') })
    await source.connect()
    await source.query(`create schema if not exists e2e_shop;
      create table if not exists e2e_shop.products (id int primary key, title text, price numeric, updated_at timestamptz);
      insert into e2e_shop.products values (1, 'Lamp', 20, now()), (2, 'Desk', 150, now()) on conflict do nothing`)
    await source.end()
    await page.goto('/connections')
    await page.getByRole('button', { name: 'New connection' }).click()
    await page.fill('input[name=name]', 'Shop database')
    await page.getByRole('dialog').locator('select[name=kind]').selectOption('postgres')
    await page.fill('input[name=url]', inject('sourceDatabaseUrl'))
    await page.fill('input[name=schema]', 'e2e_shop')
    await page.getByRole('button', { name: 'Create connection' }).click()
    await page.getByRole('heading', { name: 'Shop database', level: 1 }).waitFor()
    // The URL is never shown again.
    expect(await page.content()).not.toContain(inject('sourceDatabaseUrl'))
    await page.getByRole('button', { name: 'Test' }).click()
    await page.getByText('1 table(s) readable in schema e2e_shop').waitFor()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.locator('tr[data-stream=products] [data-testid=record-count]').textContent()).toBe('2')
  })

  test('connect Salesforce with client credentials: test it, sync it, see its objects', async () => {
    await page.goto('/connections')
    await page.getByRole('button', { name: 'New connection' }).click()
    await page.fill('input[name=name]', 'Salesforce org')
    await page.getByRole('dialog').locator('select[name=kind]').selectOption('salesforce')
    await page.fill('input[name=login_url]', `${inject('salesforceUrl')}/salesforce`)
    await page.fill('input[name=client_id]', 'e2e-org')
    await page.fill('input[name=client_secret]', 'secret-e2e-org')
    await page.getByRole('button', { name: 'Create connection' }).click()
    await page.getByRole('heading', { name: 'Salesforce org', level: 1 }).waitFor()
    expect(await page.content()).not.toContain('secret-e2e-org')
    await page.getByRole('button', { name: 'Test' }).click()
    await page.getByText('selected objects readable: Account, Contact, Opportunity').waitFor()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.locator('tr[data-stream=Account] [data-testid=record-count]').textContent()).toBe('36')
    await expect.poll(() => page.locator('tr[data-stream=Contact] [data-testid=record-count]').textContent()).toBe('72')
  })

  test('feed the DCL from the API Mesh: stored Salesforce records become unified entities', async () => {
    await page.goto('/entities')
    await page.getByRole('button', { name: 'Feed the DCL from the API Mesh' }).click()
    const chart = page.locator('[data-testid=entities]')
    await expect.poll(() => chart.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    await page.locator('select').first().selectOption('account')
    await expect.poll(() => chart.textContent()).toContain('account')
    expect(await chart.textContent()).not.toContain('opportunity')
  })

  test('mappings: proposed ones are accepted in bulk, and the history says who decided', async () => {
    // Two suggestions waiting for review, stated through the API the way the suggester will.
    await page.goto('/mappings')
    await page.getByRole('heading', { name: 'Mappings', level: 1 }).waitFor()
    const statuses = await page.evaluate(async () => {
      const { accessToken } = JSON.parse(localStorage.getItem('aos.session') ?? '{}') as { accessToken: string }
      const state = (source_path: string, field: string) =>
        fetch('/v1/dcl/mappings', {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            source_system: 'file',
            source_stream: 'contacts',
            source_path,
            entity: 'contact',
            field,
            confidence: 0.72,
            status: 'proposed',
          }),
        }).then((r) => r.status)
      return [await state('email', 'email'), await state('score', 'title')]
    })
    expect(statuses).toEqual([201, 201])
    await page.reload()
    const table = page.locator('[data-testid=mappings]')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2)
    expect(await table.textContent()).toContain('72%')
    await page.getByRole('checkbox', { name: 'Select contacts.email' }).check()
    await page.getByRole('button', { name: 'Accept 1' }).click()
    await expect.poll(() => table.locator('tbody tr', { hasText: 'contact.email' }).textContent()).toContain('accepted')
    expect(await table.locator('tbody tr', { hasText: 'contact.title' }).textContent()).toContain('proposed')
    await table.locator('tbody tr', { hasText: 'contact.email' }).getByRole('button', { name: 'v2' }).click()
    const history = page.locator('[data-testid=mapping-history]')
    await expect.poll(() => history.locator('li').count()).toBe(2)
    expect(await history.locator('li').first().textContent()).toMatch(/v2accepted.*manual by user:/)
    await page.keyboard.press('Escape')
  })

  test('the ontology graph draws the sources and lights up a node’s paths', async () => {
    await page.goto('/graph')
    await page.getByRole('heading', { name: 'Ontology Graph', level: 1 }).waitFor()
    await page.locator('[data-testid=ontology-graph] canvas').first().waitFor()
    const nodes = page.locator('[data-testid=graph-nodes]')
    await nodes.getByRole('button', { name: 'contact', exact: true }).click()
    const details = page.locator('[data-testid=graph-details]')
    await expect.poll(() => details.textContent()).toContain('canonical entity')
    // The mapping accepted on the Mappings page is one of the entity's links, named by its field.
    expect(await details.textContent()).toContain('as email')
    await details.getByRole('button', { name: 'email', exact: true }).click()
    await expect.poll(() => details.textContent()).toContain('field')
  })

  test('knowledge base: paste a document, find it by a question, see which retriever found it, delete it', async () => {
    await page.goto('/knowledge')
    await page.getByRole('heading', { name: 'Knowledge Base', level: 1 }).waitFor()
    await page.locator('input[name=key]').fill('handbook/refunds.md')
    await page.locator('textarea[name=content]').fill('# Refunds\n\n## Exceptions\n\nGift cards are never refunded.')
    await page.getByRole('button', { name: 'Add to knowledge base' }).click()
    // Queued, or already embedding chunks if the job's progress arrived first.
    await page.getByRole('status').filter({ hasText: 'handbook/refunds.md' }).waitFor()
    const row = page.locator('tbody tr', { hasText: 'handbook/refunds.md' })
    await row.waitFor() // the page reloads its list when the kb.ingest job succeeds
    await page.getByLabel('Question or keywords').fill('are gift cards refunded')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const first = page.getByRole('list', { name: 'Search results' }).locator('li').first()
    await expect.poll(() => first.textContent()).toContain('Gift cards are never refunded.')
    expect(await first.textContent()).toMatch(/Refunds › Exceptions.*words #1/)
    page.once('dialog', (dialog) => void dialog.accept())
    await row.getByRole('button', { name: 'Delete handbook/refunds.md' }).click()
    await expect.poll(() => row.count()).toBe(0)
  })

  test('assistant: a question is routed to a persona with its reason, answered with citations that open the source', async () => {
    await page.goto('/knowledge')
    await page.getByRole('heading', { name: 'Knowledge Base', level: 1 }).waitFor()
    await page.locator('input[name=key]').fill('sales/renewals.md')
    await page
      .locator('textarea[name=content]')
      .fill('# Renewals\n\nThe Globex renewal is at risk because its champion left.')
    await page.getByRole('button', { name: 'Add to knowledge base' }).click()
    await page.locator('tbody tr', { hasText: 'sales/renewals.md' }).waitFor()

    await page.goto('/assistant')
    await page.getByRole('heading', { name: 'AOS Assistant', level: 1 }).waitFor()
    await page.locator('textarea[name=question]').fill('Which renewals are at risk?')
    await page.getByRole('button', { name: 'Ask', exact: true }).click()
    const answer = page.locator('[data-testid=assistant-answer]')
    await expect.poll(() => answer.textContent()).toContain('The Globex renewal is at risk because its champion left.')
    expect(await answer.textContent()).toContain('CRO')
    expect(await answer.textContent()).toContain('“renewals”')
    await answer.getByRole('button', { name: 'Show source 1' }).click()
    expect(await page.locator('#source-1 details').getAttribute('open')).not.toBeNull()
    // The briefing follows the persona that answered, counted from this workspace.
    const briefing = page.getByRole('list', { name: 'Briefing for the CRO' })
    await expect.poll(() => briefing.textContent()).toMatch(/records stored from \d+ connection/)

    // An admin renames the CRO for this workspace, then restores the default.
    await page.locator('select[name=persona]').selectOption('cro')
    const settings = page.locator('[data-widget="assistant.persona"]')
    await settings.locator('input[name=title]').fill('Revenue lead')
    await settings.getByRole('button', { name: 'Save for this workspace' }).click()
    await settings.getByText('Persona settings: Revenue lead').waitFor()
    await settings.getByText('customised').waitFor()
    await settings.getByRole('button', { name: 'Restore defaults' }).click()
    await settings.getByText('Persona settings: CRO').waitFor()
    expect(await settings.getByText('customised').count()).toBe(0)
  })

  test('connect asset discovery, import a discovered Salesforce org, complete it and sync it', async () => {
    const vendors = inject('salesforceUrl')
    await page.goto('/settings')
    const aod = page.locator('[data-widget="settings.aod"]')
    await aod.locator('input[name=base_url]').fill(`${vendors}/aod`)
    await aod.locator('input[name=token]').fill('aod-e2e')
    await aod.getByRole('button', { name: 'Save' }).click()
    await aod.getByText('Assets come from').waitFor()
    await page.goto('/discovery')
    const asset = page.locator('[data-asset=salesforce-uat]')
    await asset.getByRole('button', { name: 'Import as salesforce' }).click()
    await asset.getByRole('link', { name: 'Imported: open' }).click()
    await page.getByRole('heading', { name: 'salesforce-uat (AOD)', level: 1 }).waitFor()
    const draft = page.locator('[data-testid=draft-credentials]')
    await draft.locator('input[name=login_url]').fill(`${vendors}/salesforce`)
    await draft.locator('input[name=client_id]').fill('e2e-aod-org')
    await draft.locator('input[name=client_secret]').fill('secret-e2e-aod-org')
    await draft.getByRole('button', { name: 'Save credentials' }).click()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.locator('tr[data-stream=Account] [data-testid=record-count]').textContent()).toBe('36')
  })

  test('another tenant’s connection is not found, with a way back', async () => {
    const other = await browser.newContext({ baseURL: base })
    const otherPage = await other.newPage()
    await otherPage.goto('/signup')
    await otherPage.fill('input[name=tenant_name]', 'Other Co')
    const otherEmail = `other-${Date.now()}@example.com`
    await otherPage.fill('input[name=email]', otherEmail)
    await otherPage.fill('input[name=password]', 'other passphrase 2026')
    await otherPage.getByRole('button', { name: 'Create workspace' }).click()
    await otherPage.getByRole('heading', { name: 'Confirm your email' }).waitFor()
    await openEmailedLink(otherPage, otherEmail, '/verify-email')
    await otherPage.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    await otherPage.goto(connectionUrl)
    await otherPage.getByRole('heading', { name: 'Not found in this workspace' }).waitFor()
    expect(await otherPage.getByText('CRM exports').count()).toBe(0)
    // Other Co invites our user from its Settings page; they accept from the email, signing in.
    await otherPage.goto('/settings')
    await otherPage.fill('input[name=email]', email)
    await otherPage.getByRole('button', { name: 'Invite' }).click()
    await otherPage.locator('td', { hasText: email }).getByText('invited').waitFor()
    await other.close()
    await openEmailedLink(page, email, '/accept-invite')
    await page.getByRole('heading', { name: 'Join Other Co' }).waitFor()
    await page.screenshot({ path: join(SHOTS, 'accept-invite.png') })
    await page.fill('input[name=password]', 'e2e passphrase 2026')
    await page.getByRole('button', { name: 'Accept and sign in' }).click()
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
  })

  test('a member of two workspaces switches between them without signing in again', async () => {
    await page.goto('/')
    const switcher = page.locator('[data-testid=tenant-switcher]').first()
    // Accepting the invitation signed in to Other Co.
    await expect.poll(() => switcher.textContent()).toContain('Other Co')
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    expect(await page.locator('[data-widget="dashboard.sync-health"]').textContent()).not.toContain('CRM exports')
    await switcher.click()
    await page.getByRole('menuitem', { name: /E2E Analytics/ }).click()
    await expect.poll(() => switcher.textContent()).toContain('E2E Analytics')
  })

  test('dark mode toggles and survives a reload', async () => {
    await page.goto('/')
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'))
    const toggle = page.locator('[data-testid=theme-toggle]').first()
    while ((await toggle.getAttribute('data-theme-choice')) !== 'dark') await toggle.click()
    expect(await isDark()).toBe(true)
    await page.reload()
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    expect(await isDark()).toBe(true)
    while ((await toggle.getAttribute('data-theme-choice')) !== 'light') await toggle.click()
    expect(await isDark()).toBe(false)
  })

  test('every page renders in light and dark mode (screenshots)', async () => {
    const pages: [string, string, string][] = [
      ['dashboard', '/', 'Dashboard'],
      ['discovery', '/discovery', 'Data Discovery'],
      ['connections', '/connections', 'API Mesh Connections'],
      ['connection', new URL(connectionUrl).pathname, 'CRM exports'],
      ['drift', `/drift?stream=${streamId}`, 'Drift'],
      ['mappings', '/mappings', 'Mappings'],
      ['entities', '/entities', 'Unified Entities'],
      ['graph', '/graph', 'Ontology Graph'],
      ['preview', `/streams/${streamId}/preview`, 'Preview: contacts'],
      ['jobs', '/jobs', 'Jobs'],
      ['llm-usage', '/llm-usage', 'LLM Usage'],
      ['assistant', '/assistant', 'AOS Assistant'],
      ['knowledge', '/knowledge', 'Knowledge Base'],
      ['settings', '/settings', 'Settings'],
    ]
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('aos.theme', t), theme)
      for (const [name, path, heading] of pages) {
        await page.goto(path)
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
        expect(await page.title()).toMatch(/^AOS /)
        if (name === 'preview')
          await page.locator('[data-testid=preview-status][data-phase=ready]').waitFor({ timeout: 60_000 })
        await page.screenshot({ path: join(SHOTS, `${name}-${theme}.png`), fullPage: true })
      }
    }
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/')
    await page.getByRole('button', { name: 'Open menu' }).click()
    await page.getByRole('navigation', { name: 'Main' }).last().waitFor()
    await page.screenshot({ path: join(SHOTS, 'dashboard-phone-menu.png') })
  }, 300_000) // 26 full-page screenshots on a shared 2-core machine

  test('nothing on any page was blocked by the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([])
  })
})
