// An Airbyte server watched through its API: each watched Airbyte connection is a stream of its finished
// sync jobs; failed runs and schema-change flags become alerts.
import { z } from 'zod'
import { defineConnector } from '../connector.ts'

export const AirbyteConfig = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .meta({
        description: 'The Airbyte server, up to (not including) /api',
        example: 'https://airbyte.example.com',
      }),
    connection_ids: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .meta({ description: 'Stream selection: the Airbyte connections to watch' }),
  })
  .meta({ id: 'AirbyteMonitorConfig' })
export type AirbyteConfig = z.infer<typeof AirbyteConfig>

export const AirbyteToken = z.string().trim().min(1).max(4000).meta({
  description: 'An Airbyte application (bearer) token. Write-only: stored encrypted, never returned',
})

export const airbyteConnector = defineConnector({
  kind: 'airbyte',
  description: "watch an Airbyte server's sync jobs",
  reads: 'cursor',
  failure: (reason) => `Airbyte did not answer as expected (${reason}). Check base_url and the token's workspace.`,
  config: AirbyteConfig,
  secret: { field: 'token', schema: AirbyteToken, describe: 'the application token', what: 'token' },
  urlFields: { base_url: 'The Airbyte URL' },
  recordKey: () => 'job_id',
})
