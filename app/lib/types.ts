// The console's view of the API: types generated from the OpenAPI document the API serves
// (workers/contract/openapi.gen.ts; `npm run contract:generate` after a route changes its shapes).
import type { components } from '../../workers/contract/openapi.gen.ts'

export type { DriftChange } from '../../workers/contract/streams.ts'

type Schemas = components['schemas']

export type TokenResponse = Schemas['TokenResponse']
export type RefreshRequest = Schemas['RefreshRequest']
export type Problem = Schemas['Problem']
export type Me = Schemas['Me']
export type MyTenant = Schemas['MyTenants']['data'][number]
export type Member = Schemas['Member']
export type Invitation = Schemas['Invitation']
export type InvitationPreview = Schemas['InvitationPreview']
export type LinkSent = Schemas['LinkSent']
export type ApiKey = Schemas['ApiKey']
export type CreatedApiKey = Schemas['CreatedApiKey']
export type Role = Schemas['Role']
export type Job = Schemas['Job']
export type JobList = Schemas['JobList']
export type JobStatus = Job['status']
export type StreamToken = Schemas['StreamToken']
export type RecentEvents = Schemas['RecentEvents']
export type CloudEvent = Schemas['CloudEvent']
export type Flag = Schemas['Flag']
export type Connection = Schemas['Connection']
export type ConnectionTestResult = Schemas['ConnectionTestResult']
export type DriftPolicy = Schemas['DriftPolicy']
export type Stream = Schemas['Stream']
export type DriftRecord = Schemas['DriftRecord']
export type QuarantineItem = Schemas['QuarantineItem']
export type RowCounts = Schemas['RowCounts']
export type SourceFile = Schemas['SourceFile']
export type Discovery = Schemas['Discovery']
export type UploadAccepted = Schemas['UploadAccepted']
export type Dashboard = Schemas['Dashboard']
export type EntityPage = Schemas['UnifiedEntityPage']
export type DiscoveredAsset = Schemas['DiscoveredAsset']
export type MappingVersion = Schemas['MappingVersion']
export type MappingList = Schemas['MappingList']
export type OntologyGraph = Schemas['OntologyGraph']
export type LlmTelemetry = Schemas['LlmTelemetry']
export type LlmMetrics = Schemas['LlmMetrics']
export type KbDocument = Schemas['KbDocument']
export type KbDocumentList = Schemas['KbDocumentList']
export type KbUploadAccepted = Schemas['KbUploadAccepted']
export type KbSearchHit = Schemas['KbSearchHit']
export type List<T> = { data: T[] }
/** A cursor-paged list: follow `next_cursor` until it is null. */
export type Page<T> = { data: T[]; next_cursor: string | null }
