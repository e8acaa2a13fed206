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
  console: {
    label: 'Airbyte sync monitor',
    summary:
      'Finished sync jobs of the watched Airbyte connections are recorded as they complete; a failed job or a schema-change flag raises an alert (and a Slack message when Slack is set up). The token is stored encrypted and never shown.',
    fields: [
      [
        {
          path: 'config.base_url',
          label: 'Airbyte URL',
          input: 'url',
          required: true,
          placeholder: 'https://airbyte.example.com',
          hint: 'The server address, without /api',
        },
      ],
      [
        {
          path: 'token',
          label: 'Application token',
          input: 'password',
          required: true,
          hint: 'Stored encrypted, never shown',
        },
      ],
    ],
    selection: {
      key: 'connection_ids',
      label: 'Airbyte connections to watch',
      hint: 'Comma-separated connection ids from the Airbyte UI (the id in the connection URL).',
      placeholder: '9b1c…, 4f0a…',
      required: true,
    },
  },
})
