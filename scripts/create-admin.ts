/**
 * `npm run create-admin -- --email ops@example.com [--password …] [--tenant "Acme" | --tenant-id UUID] [--platform-admin]`
 * Creates (or promotes) a tenant owner directly in DATABASE_URL; `--platform-admin` also lets them set
 * flags for every tenant. Without --password one is generated
 * and printed once. Hashes with @node-rs/argon2, which the Worker's argon2-wasm-edge verifies.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { provisionOwner } from './lib/provision-owner.ts'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    tenant: { type: 'string' },
    'tenant-id': { type: 'string' },
    'platform-admin': { type: 'boolean' },
    help: { type: 'boolean' },
  },
})
const usage =
  'usage: npm run create-admin -- --email EMAIL [--password PASSWORD] [--tenant NAME | --tenant-id UUID] [--platform-admin]'
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  console.error('DATABASE_URL is not set. Point it at the database (for `npm start`, it is printed at start-up).')
  process.exit(2)
}
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
  console.error(`--email is missing or not an email address.\n${usage}`)
  process.exit(2)
}
if (values.password !== undefined && values.password.length < 8) {
  console.error('--password must be at least 8 characters.')
  process.exit(2)
}
const password = values.password ?? randomBytes(15).toString('base64url')
try {
  const result = await provisionOwner(databaseUrl, {
    email: values.email,
    password,
    ...(values.tenant ? { tenantName: values.tenant } : {}),
    ...(values['tenant-id'] ? { tenantId: values['tenant-id'] } : {}),
    platformAdmin: values['platform-admin'] === true,
  })
  console.log(
    JSON.stringify(
      {
        tenant_id: result.tenantId,
        user_id: result.userId,
        email: values.email.toLowerCase(),
        ...(result.createdUser && !values.password ? { password } : {}),
        created_user: result.createdUser,
        created_tenant: result.createdTenant,
        platform_admin: values['platform-admin'] === true,
      },
      null,
      2,
    ),
  )
} catch (error) {
  console.error(`create-admin failed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
