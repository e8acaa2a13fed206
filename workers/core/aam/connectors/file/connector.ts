// Files uploaded to the connection (CSV or JSON Lines), each stream a name files are uploaded under.
import { z } from 'zod'
import { defineConnector } from '../connector.ts'

export const FileConfig = z
  .object({
    format: z.enum(['csv', 'jsonl']).default('csv'),
    delimiter: z.string().length(1).default(','),
    primary_key: z.string().min(1).max(200).optional().meta({ description: 'Source field that identifies a record' }),
  })
  .meta({ id: 'FileSourceConfig' })
export type FileConfig = z.infer<typeof FileConfig>

export const fileConnector = defineConnector({
  kind: 'file',
  description: 'upload CSV or JSON Lines to /v1/connections/{id}/files',
  reads: 'files',
  config: FileConfig,
  secret: null,
  urlFields: {},
  recordKey: (config) => (typeof config.primary_key === 'string' ? config.primary_key : undefined),
  console: {
    label: 'FileSource (CSV / JSON Lines upload)',
    summary: 'Upload files to sync them.',
    fields: [
      [
        {
          path: 'config.format',
          label: 'Format',
          input: 'select',
          options: [
            { value: 'csv', label: 'CSV' },
            { value: 'jsonl', label: 'JSON Lines' },
          ],
          default: 'csv',
        },
        { path: 'config.delimiter', label: 'Delimiter', default: ',', max_length: 1 },
      ],
      [
        {
          path: 'config.primary_key',
          label: 'Primary key (optional)',
          hint: 'The field that identifies a record',
          placeholder: 'id',
        },
      ],
    ],
  },
})
