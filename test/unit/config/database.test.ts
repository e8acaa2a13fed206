import { describe, expect, it } from 'vitest'
import { ConfigError, type Env, parseConfig } from '../../../workers/env.ts'

const NEON = 'postgresql://app:neon-secret@ep-quiet-fog.eu-central-1.aws.neon.tech/aos?sslmode=require'
const SUPABASE = 'postgresql://postgres.abc:supa-secret@aws-0-eu-central-1.pooler.supabase.com:6543/postgres'

/** Everything else parseConfig requires, so each test varies only the database URLs. */
const env = (urls: Pick<Env, 'DATABASE_URL' | 'SUPABASE_DATABASE_URL'>) =>
  ({
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
    UPSTASH_REDIS_REST_TOKEN: 't',
    JWT_PRIVATE_JWK: '{}',
    DATA_ENCRYPTION_KEY: btoa('k'.repeat(32)),
    EMAIL_API_KEY: 'e',
    ...urls,
  }) as Env

function configError(urls: Pick<Env, 'DATABASE_URL' | 'SUPABASE_DATABASE_URL'>): ConfigError {
  try {
    parseConfig(env(urls))
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('parseConfig accepted the configuration')
}

describe('which database the platform uses', () => {
  it('takes SUPABASE_DATABASE_URL over DATABASE_URL when both are set', () => {
    expect(parseConfig(env({ DATABASE_URL: NEON, SUPABASE_DATABASE_URL: SUPABASE })).database).toEqual({
      url: SUPABASE,
      provider: 'supabase',
    })
  })

  it('uses whichever one is set', () => {
    expect(parseConfig(env({ SUPABASE_DATABASE_URL: SUPABASE })).database).toEqual({
      url: SUPABASE,
      provider: 'supabase',
    })
    expect(parseConfig(env({ DATABASE_URL: NEON })).database).toEqual({ url: NEON, provider: 'neon' })
  })

  it('names DATABASE_URL when neither is set', () => {
    expect(configError({}).missing).toEqual(['DATABASE_URL'])
  })

  it('names the malformed variable, never its value, even when the other one is fine', () => {
    const bad = 'https://postgres:supa-secret@db.example.supabase.co/postgres'
    const error = configError({ DATABASE_URL: NEON, SUPABASE_DATABASE_URL: bad })
    expect(error.missing).toEqual(['SUPABASE_DATABASE_URL'])
    expect(error.message).not.toContain('supa-secret')
    expect(configError({ DATABASE_URL: 'not a url with a p4ssword' }).missing).toEqual(['DATABASE_URL'])
    expect(configError({ DATABASE_URL: 'not a url with a p4ssword' }).message).not.toContain('p4ssword')
  })
})
