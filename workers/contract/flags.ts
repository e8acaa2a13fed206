import { z } from '@hono/zod-openapi'
import { FLAG_NAMES } from '../core/flags/registry.ts'

// The wire shapes of /v1/flags: each flag's effective value for the tenant, and a tenant override.

export const Flag = z
  .object({
    name: z.enum(FLAG_NAMES),
    value: z.boolean(),
    source: z.enum(['default', 'global', 'tenant']),
    description: z.string(),
  })
  .openapi('Flag')

export const FlagList = z.object({ data: z.array(Flag) }).openapi('FlagList')

export const PutFlagBody = z
  .object({
    value: z
      .boolean()
      .nullable()
      .openapi({ description: 'true/false overrides for this tenant; null removes the override' }),
  })
  .openapi('PutFlagRequest')

export const FlagParam = z.object({
  name: z
    .string()
    .max(100)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'USE_AAM_AS_SOURCE' }),
})
