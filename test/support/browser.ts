import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

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
