import { describe, expect, it } from 'vitest'
import { ConfigError, type Env, parseConfig } from '../../../workers/env.ts'

const base = {
  DATABASE_URL: 'postgres://db.example/aos',
  UPSTASH_REDIS_REST_TOKEN: 'token',
  JWT_PRIVATE_JWK: '{}',
  DATA_ENCRYPTION_KEY: btoa('k'.repeat(32)),
  EMAIL_API_KEY: 're_key',
} as unknown as Env

const withRedis = (url: string) => () => parseConfig({ ...base, UPSTASH_REDIS_REST_URL: url })

describe('UPSTASH_REDIS_REST_URL', () => {
  it('accepts https on any host', () => {
    expect(withRedis('https://eu1-relaxed-cat-123.upstash.io')().UPSTASH_REDIS_REST_URL).toBe(
      'https://eu1-relaxed-cat-123.upstash.io',
    )
  })

  it('accepts plain http only on loopback (the local Upstash stand-in)', () => {
    for (const url of ['http://127.0.0.1:8079', 'http://localhost:8079', 'http://[::1]:8079'])
      expect(withRedis(url)().UPSTASH_REDIS_REST_URL).toBe(url)
  })

  it('refuses plain http to any other host, and other schemes, naming the variable', () => {
    for (const url of ['http://eu1-relaxed-cat-123.upstash.io', 'http://10.0.0.5:8079', 'redis://127.0.0.1:6379'])
      expect(withRedis(url)).toThrowError(ConfigError)
    expect(withRedis('http://redis.example.com')).toThrowError(/configuration: UPSTASH_REDIS_REST_URL$/)
  })

  it('answers a value that is no URL at all with the configuration error, not a crash', () => {
    expect(withRedis('set')).toThrowError(/configuration: UPSTASH_REDIS_REST_URL$/)
  })
})
