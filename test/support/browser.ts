import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's Chromium (.ci/run installs it); Playwright drives it, no browser download needed. */
const CHROMIUM = process.env.AOS_CHROMIUM ?? '/usr/bin/chromium'
export const chromiumMissing = () =>
  existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set AOS_CHROMIUM`

// The machine's network is closed: without these Chromium keeps dialling Google's services.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })

/**
 * A browser with a profile on disk in `dir`, as a user's is. Contexts of `launchChromium` are
 * off-the-record, and Chromium keeps no compiled-code cache (JS or WebAssembly) for those.
 */
export const launchChromiumProfile = (dir: string, baseURL: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS, baseURL })

/**
 * Signs a workspace up on the running stack and confirms it with the link the stand-in mailbox holds;
 * the new owner's access token.
 */
export async function signUpConfirmed(
  base: string,
  mailbox: string,
  account: { email: string; password: string; tenant_name: string },
): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const signup = await post('/v1/auth/signup', account)
  if (!signup.ok) throw new Error(`signup: ${signup.status} ${await signup.text()}`)
  const mail = await fetch(`${mailbox}/mailbox/messages?to=${encodeURIComponent(account.email)}`)
  const { data } = (await mail.json()) as { data: { text: string }[] }
  const link = /\/verify-email\?token=([^\s"&<]+)/.exec(data[0]?.text ?? '')
  const verified = await post('/v1/auth/verify-email', { token: decodeURIComponent(link?.[1] ?? '') })
  if (!verified.ok) throw new Error(`verify-email: ${verified.status} ${await verified.text()}`)
  return ((await verified.json()) as { access_token: string }).access_token
}

/** Signs in on the console's login page and waits for the dashboard. */
export async function signInOnConsole(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
}
