import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** axe-core's WCAG 2.x A and AA rules on the page as it is now, one line per failing element. */
export async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const found = await page.evaluate(async () => {
    // Colours half way through a transition (after a theme change, say) are not what a person reads.
    // Only transitions: spinners and live dots animate for ever.
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition)
    await Promise.all(transitions.map((a) => a.finished.catch(() => undefined)))
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations
  })
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`))
}

/**
 * axe clean in the light and the dark theme, and no sideways scroll on a 390 px phone. `reopen` brings the
 * page back after each theme change (a reload, as a person would open it, catches no colour transition half
 * way); without it the page is checked as it stands. The viewport is left at 1280×900.
 */
export async function expectAccessibleOnEveryScreen(page: Page, reopen?: () => Promise<void>) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await reopen?.()
    expect(await violations(page)).toEqual([])
  }
  await page.setViewportSize({ width: 390, height: 844 })
  expect(
    await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0)
  await page.setViewportSize({ width: 1280, height: 900 })
}
