import type { TestProject } from 'vitest/node'
import { startTestStack } from './start-test-stack.ts'

/** The embedded default: PGlite + in-process Redis, exactly what `npm start` uses. */
export default (project: TestProject) => startTestStack(project, {})
