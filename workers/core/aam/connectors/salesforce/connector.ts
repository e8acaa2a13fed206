// A Salesforce org through a connected app: the selected objects are the streams; the standard CRM
// objects are also canonical accounts, contacts and opportunities.
import { z } from 'zod'
import { defineConnector } from '../connector.ts'
import { entityFor } from './objects.ts'

const SalesforceObject = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, { error: 'must be a Salesforce object API name, e.g. Account or Invoice__c' })

export const SalesforceConfig = z
  .object({
    login_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .default('https://login.salesforce.com')
      .meta({ description: 'Where to get tokens: login.salesforce.com, test.salesforce.com or a My Domain URL' }),
    api_version: z
      .string()
      .regex(/^v\d{2}\.0$/, { error: 'must look like v60.0' })
      .default('v60.0'),
    objects: z
      .array(SalesforceObject)
      .min(1)
      .max(200)
      .default(['Account', 'Contact', 'Opportunity'])
      .meta({ description: 'Stream selection: the objects to sync' }),
  })
  .meta({ id: 'SalesforceSourceConfig' })
export type SalesforceConfig = z.infer<typeof SalesforceConfig>

export const SalesforceCredentials = z
  .object({
    client_id: z.string().trim().min(1).max(500),
    client_secret: z.string().trim().min(1).max(500),
    refresh_token: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .meta({ description: 'Use the refresh-token flow instead of client credentials' }),
  })
  .meta({
    id: 'SalesforceCredentials',
    description: "A connected app's consumer key and secret. Write-only: stored encrypted, never returned",
  })
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>

export const salesforceConnector = defineConnector({
  kind: 'salesforce',
  description: "a connected app's client credentials",
  reads: 'cursor',
  failure: (reason) =>
    `Salesforce did not answer as expected (${reason}). Check the login URL and the org's API access.`,
  config: SalesforceConfig,
  secret: {
    field: 'credentials',
    schema: SalesforceCredentials,
    describe: 'the consumer key and secret',
    what: 'consumer key and secret',
  },
  urlFields: { login_url: 'The login URL' },
  recordKey: () => 'Id',
  entity: entityFor,
  console: {
    label: 'Salesforce (connected app)',
    summary:
      'Objects sync incrementally by SystemModstamp, then Id, through {login_url} (API {api_version}). Account, Contact and Opportunity also become canonical entities. The client credentials are stored encrypted and never shown.',
    fields: [
      [
        {
          path: 'config.login_url',
          label: 'Login URL',
          input: 'url',
          required: true,
          default: 'https://login.salesforce.com',
          hint: 'login.salesforce.com, test.salesforce.com or your My Domain',
        },
      ],
      [
        { path: 'credentials.client_id', label: 'Consumer key', required: true },
        {
          path: 'credentials.client_secret',
          label: 'Consumer secret',
          input: 'password',
          required: true,
          hint: 'Stored encrypted, never shown',
        },
      ],
    ],
    selection: {
      key: 'objects',
      label: 'Objects to sync',
      hint: 'Comma-separated API names; Account, Contact and Opportunity when empty. Deselected objects keep their records.',
      placeholder: 'Account, Contact, Opportunity, Invoice__c',
      required: false,
    },
  },
})
