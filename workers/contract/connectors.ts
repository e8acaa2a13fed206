import { z } from '@hono/zod-openapi'
import { CONNECTION_KINDS } from '../core/aam/connectors/registry.ts'

// GET /v1/connectors: each kind of connection with what a client needs to offer it (the console builds its
// forms from this, so a new kind shows up without a console change).

const ConnectorField = z
  .object({
    path: z.string().openapi({
      description: 'Where the value goes in the create request: a setting (`config.schema`) or the secret (`url`)',
      example: 'config.schema',
    }),
    label: z.string(),
    input: z.enum(['text', 'password', 'url', 'select']).optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    required: z.boolean().optional(),
    default: z.string().optional().openapi({ description: 'Shown in an empty form, and sent when left empty' }),
    placeholder: z.string().optional(),
    hint: z.string().optional(),
    max_length: z.number().int().optional(),
  })
  .openapi('ConnectorField')

const ConnectorSelection = z
  .object({
    key: z.string().openapi({ description: 'The config list that selects the streams', example: 'tables' }),
    label: z.string(),
    hint: z.string(),
    placeholder: z.string(),
    required: z.boolean(),
  })
  .openapi('ConnectorSelection')

export const ConnectorInfo = z
  .object({
    kind: z.enum(CONNECTION_KINDS),
    label: z.string(),
    description: z.string(),
    reads: z.enum(['files', 'cursor']).openapi({
      description: 'files: uploaded to the connection; cursor: read from the source after a stored cursor',
    }),
    summary: z.string().openapi({ description: "One line about the source; `{name}` stands for the setting's value" }),
    fields: z.array(z.array(ConnectorField)).openapi({ description: 'The create form, row by row' }),
    selection: ConnectorSelection.nullable(),
  })
  .openapi('Connector')

export const ConnectorList = z.object({ data: z.array(ConnectorInfo) }).openapi('ConnectorList')
export type ConnectorInfo = z.infer<typeof ConnectorInfo>
