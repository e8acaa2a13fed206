import { describe, expect, it } from 'vitest'
import { envFileText, wranglerDevArgs } from '../../../scripts/lib/wrangler-dev.ts'

const SECRETS = {
  JWT_PRIVATE_JWK: '{"kty":"OKP","crv":"Ed25519","d":"private-part","x":"public-part","kid":"dev-1"}',
  DATA_ENCRYPTION_KEY: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=',
  DATABASE_URL: 'postgres://app:pa$$word@127.0.0.1:5432/aos',
}

describe('wrangler dev launcher', () => {
  it('puts no var on the command line, only the env file that holds them', () => {
    const args = wranglerDevArgs({ port: 8899, vars: SECRETS, persistTo: '.data/wrangler' }, '/tmp/x/vars.env', 9230)
    for (const value of Object.values(SECRETS)) expect(args.join(' ')).not.toContain(value)
    expect(args).not.toContain('--var')
    expect(args.slice(-2)).toEqual(['--env-file', '/tmp/x/vars.env'])
  })

  it('writes values dotenv reads back literally, with `$` kept from expansion', () => {
    expect(envFileText(SECRETS).split('\n')).toEqual([
      `JWT_PRIVATE_JWK='${SECRETS.JWT_PRIVATE_JWK}'`,
      `DATA_ENCRYPTION_KEY='${SECRETS.DATA_ENCRYPTION_KEY}'`,
      "DATABASE_URL='postgres://app:pa\\$\\$word@127.0.0.1:5432/aos'",
      '',
    ])
    expect(() => envFileText({ A: "it's" })).toThrow(/A: a value with a single quote/)
    expect(() => envFileText({ B: 'two\nlines' })).toThrow(/B:/)
  })
})
