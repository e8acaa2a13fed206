import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with one plain `N passed, N failed, N skipped` line that CI log readers understand. */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
    const count = { passed: 0, failed: 0, skipped: 0 }
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') count.passed++
        else if (state === 'failed') count.failed++
        else count.skipped++
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) count.failed++
    }
    count.failed += errors.length
    console.log(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`)
  }
}
