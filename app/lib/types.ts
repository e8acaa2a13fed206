// The console's view of the API: types inferred from the same zod schemas the API validates with.
import type { z } from 'zod'
import type * as connections from '../../workers/contract/connections.ts'
import type * as dashboard from '../../workers/contract/dashboard.ts'
import type * as events from '../../workers/contract/events.ts'
import type * as flags from '../../workers/contract/flags.ts'
import type * as jobs from '../../workers/contract/jobs.ts'
import type * as streams from '../../workers/contract/streams.ts'
import type * as aam from '../../workers/core/aam/connections.ts'
import type * as auth from '../../workers/core/auth/schema.ts'

export type TokenResponse = z.infer<typeof auth.TokenResponse>
export type Me = z.infer<typeof auth.Me>
export type Member = z.infer<typeof auth.Member>
export type Invitation = z.infer<typeof auth.Invitation>
export type InvitationPreview = z.infer<typeof auth.InvitationPreview>
export type LinkSent = z.infer<typeof auth.LinkSent>
export type ApiKey = z.infer<typeof auth.ApiKey>
export type CreatedApiKey = z.infer<typeof auth.CreatedApiKey>
export type Role = z.infer<typeof auth.Role>
export type Job = z.infer<typeof jobs.Job>
export type JobList = z.infer<typeof jobs.JobList>
export type JobStatus = Job['status']
export type Flag = z.infer<typeof flags.Flag>
export type Connection = z.infer<typeof connections.Connection>
export type DriftPolicy = aam.DriftPolicy
export type Stream = z.infer<typeof streams.Stream>
export type DriftRecord = z.infer<typeof streams.DriftRecord>
export type QuarantineItem = z.infer<typeof streams.QuarantineItem>
export type Discovery = z.infer<typeof connections.Discovery>
export type UploadAccepted = z.infer<typeof connections.UploadAccepted>
export type CloudEvent = events.CloudEvent
export type Dashboard = dashboard.Dashboard
export type MyTenant = { id: string; name: string; role: Role; current: boolean }
export type List<T> = { data: T[] }
