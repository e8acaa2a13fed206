// A public HTTP endpoint answering JSON (an array of records, or an object holding one): read whole on
// every sync into one stream; a record that changed since the last read is stored again, an unchanged
// one is not.
import { z } from 'zod'
import { StreamName } from '../../connections.ts'
import { defineConnector } from '../connector.ts'

export const HttpJsonConfig = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .meta({
        description: 'A public URL answering JSON, read with GET and no credentials',
        example: 'https://data.example.com/v1/stations.json',
      }),
    records_path: z
      .string()
      .regex(/^[^.]+(\.[^.]+)*$/, { error: 'must be a dotted path such as data.items' })
      .max(200)
      .optional()
      .meta({
        description: 'Where the array of records is in the answer (e.g. `data.items`); the answer itself when omitted',
      }),
    stream: StreamName.default('records').meta({ description: 'The stream the records go to' }),
    primary_key: z
      .string()
      .min(1)
      .max(200)
      .default('id')
      .meta({ description: 'Source field that identifies a record' }),
  })
  .meta({ id: 'HttpJsonSourceConfig' })
export type HttpJsonConfig = z.infer<typeof HttpJsonConfig>

export const httpJsonConnector = defineConnector({
  kind: 'http_json',
  description: 'a public URL answering a JSON array of records, read whole on every sync',
  reads: 'cursor',
  failure: (reason) =>
    `The JSON endpoint did not answer as expected (${reason}). Check config.url and that it answers JSON.`,
  config: HttpJsonConfig,
  secret: null,
  urlFields: { url: 'The JSON URL' },
  recordKey: (config) => (typeof config.primary_key === 'string' ? config.primary_key : 'id'),
  console: {
    label: 'JSON over HTTP (public endpoint)',
    summary:
      'The records at {url} are read on every sync into stream {stream}, keyed by {primary_key}: a record that changed is stored again, an unchanged one is not.',
    fields: [
      [
        {
          path: 'config.url',
          label: 'JSON URL',
          input: 'url',
          required: true,
          placeholder: 'https://data.example.com/v1/stations.json',
          hint: 'Read with GET and no credentials; it must answer JSON',
        },
      ],
      [
        { path: 'config.records_path', label: 'Records at (optional)', placeholder: 'data.items' },
        { path: 'config.stream', label: 'Stream', default: 'records' },
        { path: 'config.primary_key', label: 'Key field', default: 'id' },
      ],
    ],
  },
})
