import type { App } from '../app-env.ts'
import { registerCancelJob } from './jobs/cancel-job.ts'
import { registerCreateJob } from './jobs/create-job.ts'
import { registerGetJob } from './jobs/get-job.ts'
import { registerListJobs } from './jobs/list-jobs.ts'
import { registerRetryJob } from './jobs/retry-job.ts'

export function registerJobRoutes(app: App) {
  registerCreateJob(app)
  registerListJobs(app)
  registerGetJob(app)
  registerCancelJob(app)
  registerRetryJob(app)
}
