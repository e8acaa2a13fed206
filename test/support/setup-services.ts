import type { TestProject } from 'vitest/node'
import { startTestStack } from './start-test-stack.ts'

/** The machine's real PostgreSQL and Redis (AOS_TEST_DATABASE_URL / AOS_TEST_REDIS_URL). */
export default (project: TestProject) =>
  startTestStack(project, {
    databaseUrl: process.env.AOS_TEST_DATABASE_URL as string,
    redisUrl: process.env.AOS_TEST_REDIS_URL as string,
  })
