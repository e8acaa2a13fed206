import { z } from '@hono/zod-openapi'

// The wire shapes of /v1/settings: where Slack notifications go and where asset discovery answers.
// Secrets (the webhook URL, the discovery token) are write-only: the answers only say they are set.

export const SlackSettings = z
  .object({
    configured: z.boolean(),
    webhook_hint: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('SlackSettings')

export const PutSlackBody = z
  .object({
    webhook_url: z.string().min(1).max(500).openapi({ example: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
  })
  .openapi('PutSlackSettingsRequest')

export const SlackTestBody = z
  .object({ text: z.string().trim().min(1).max(3000).default('AutonomOS test notification: Slack is connected.') })
  .openapi('SlackTestRequest')

export const AodSettings = z
  .object({
    configured: z.boolean(),
    base_url: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('AodSettings')

export const PutAodBody = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .openapi({
        description: 'The asset-discovery service, e.g. https://aod.example.com (assets are read from /v1/assets)',
      }),
    token: z.string().trim().min(1).max(4000).openapi({ description: 'Bearer token. Write-only: stored encrypted' }),
  })
  .openapi('PutAodSettingsRequest')
