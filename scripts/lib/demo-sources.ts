import { request, waitForJob } from './api-client.ts'

/**
 * Gives the demo tenant something to look at on first start: a FileSource with two uploads of a CRM
 * contacts export, the second with a renamed and an added column, so the console shows synced records,
 * schema drift and a schedule. Goes through the real API (upload → queue → sync), once per tenant.
 */
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Claude', 'Radia']
const PLANS = ['free', 'pro', 'team', 'enterprise']

function contacts(from: number, count: number, renamed: boolean): string {
  const header = renamed
    ? 'id,email,full_name,phone_number,signed_up,lifetime_value,plan'
    : 'id,email,full_name,phone,signed_up,lifetime_value'
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${String.fromCharCode(65 + (i % 26))}.`
    const day = String(1 + (i % 28)).padStart(2, '0')
    const base = [i, `contact${i}@example.com`, name, `+1-555-01${String(i % 100).padStart(2, '0')}`]
    const rest = [`2026-${String(1 + (i % 10)).padStart(2, '0')}-${day}`, ((i * 37) % 5000) + 0.5]
    return [...base, ...rest, ...(renamed ? [PLANS[i % PLANS.length]] : [])].join(',')
  })
  return [header, ...rows].join('\n')
}

export async function seedDemoSources(
  base: string,
  login: { email: string; password: string },
  standIns: { vendors: string; mongo: string },
  log: (s: string) => void,
) {
  const vendorsUrl = standIns.vendors
  const { access_token: token } = await request<{ access_token: string }>(`${base}/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify(login),
  })
  const existing = await request<{ data: unknown[] }>(`${base}/v1/connections`, { token })
  if (existing.data.length > 0) return log('kept the demo sources')
  // The demo tenant's DCL reads from the AAM, so every sync below also fills its unified entities.
  await request(`${base}/v1/flags/USE_AAM_AS_SOURCE`, { method: 'PUT', token, body: JSON.stringify({ value: true }) })
  const connection = await request<{ id: string }>(`${base}/v1/connections`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      kind: 'file',
      name: 'CRM contacts export',
      config: { primary_key: 'id' },
      drift_policy: 'propagate',
      schedule: '0 * * * *',
    }),
  })
  for (const [label, csv] of [
    ['first export', contacts(1, 500, false)],
    ['second export (phone renamed to phone_number, plan added)', contacts(501, 500, true)],
  ] as const) {
    const accepted = await request<{ job_id: string }>(
      `${base}/v1/connections/${connection.id}/files?stream=contacts`,
      {
        method: 'POST',
        token,
        headers: { 'content-type': 'text/csv' },
        body: csv,
      },
    )
    log(`synced the ${label}: ${await waitForJob(base, token, accepted.job_id)}`)
  }
  await seedSaaSSources(base, token, vendorsUrl, log)
  const mongo = await request<{ id: string }>(`${base}/v1/connections`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      kind: 'mongodb',
      name: 'Shop (MongoDB)',
      url: standIns.mongo,
      config: { database: 'shop' },
    }),
  })
  log(`synced MongoDB orders and customers: ${await sync(base, token, mongo.id)}`)
  await request(`${base}/v1/settings/aod`, {
    method: 'PUT',
    token,
    body: JSON.stringify({ base_url: `${vendorsUrl}/aod`, token: 'aod-demo' }),
  })
  log('connected asset discovery: Data Discovery lists its assets, ready to import')
}

const sync = async (base: string, token: string, id: string) =>
  waitForJob(
    base,
    token,
    (await request<{ id: string }>(`${base}/v1/connections/${id}/sync`, { method: 'POST', token })).id,
  )

/** A Salesforce org and an Airbyte server, both the local stand-ins `npm start` runs. */
async function seedSaaSSources(base: string, token: string, vendorsUrl: string, log: (s: string) => void) {
  const salesforce = await request<{ id: string }>(`${base}/v1/connections`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      kind: 'salesforce',
      name: 'Salesforce (demo org)',
      credentials: { client_id: 'demo-org', client_secret: 'secret-demo-org' },
      config: { login_url: `${vendorsUrl}/salesforce` },
      schedule: '*/15 * * * *',
    }),
  })
  log(`synced Salesforce Account, Contact and Opportunity: ${await sync(base, token, salesforce.id)}`)
  const listed = await request<{ data: { connectionId: string }[] }>(
    `${vendorsUrl}/airbyte/api/public/v1/connections`,
    {
      headers: { authorization: 'Bearer ab-demo' },
    },
  )
  const airbyte = await request<{ id: string }>(`${base}/v1/connections`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      kind: 'airbyte',
      name: 'Airbyte (demo server)',
      token: 'ab-demo',
      config: { base_url: `${vendorsUrl}/airbyte`, connection_ids: listed.data.map((c) => c.connectionId) },
      schedule: '*/5 * * * *',
    }),
  })
  log(`recorded the Airbyte sync history: ${await sync(base, token, airbyte.id)}`)
}
