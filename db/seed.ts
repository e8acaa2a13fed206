import { provisionOwner } from '../scripts/lib/provision-owner.ts'

/** The demo tenant `npm start` creates so the console is not empty on first run. */
export const DEMO = {
  email: 'demo@autonomos.local',
  password: 'demo-password-2026',
  tenantName: 'Demo Co',
} as const

export const seedDemo = (databaseUrl: string) => provisionOwner(databaseUrl, DEMO)
