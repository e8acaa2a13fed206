import { describe, expect, it } from 'vitest'
import { checkDatabaseUrl, type DatabaseKind } from '../../../workers/core/aam/connectors/database-url.ts'

const reasonOf = (kind: DatabaseKind, raw: string, allowLoopback = false) => {
  const checked = checkDatabaseUrl(kind, raw, allowLoopback)
  return checked.ok ? 'ok' : checked.reason
}
const PRIVATE = 'must be a public host, not a private address'

describe('database URLs follow the outbound host rule', () => {
  it('accepts public hosts, names and addresses, with or without a port', () => {
    for (const url of [
      'postgres://reader:s3cret@db.example.com:5432/crm',
      'postgresql://reader@203.0.113.7/crm?sslmode=require',
      'postgres://reader:p%40ss@db.example.com/crm',
      'mongodb://reader:s3cret@mongo.example.com:27017/?authSource=admin',
      'mongodb://a.example.com:27017,b.example.com:27018,c.example.com/?replicaSet=rs0',
      'mongodb+srv://reader:s3cret@cluster0.example.mongodb.net/?retryWrites=true',
    ])
      expect(reasonOf(url.startsWith('mongo') ? 'mongodb' : 'postgres', url), url).toBe('ok')
  })

  it('refuses loopback without the development allowance, and allows it with', () => {
    for (const [kind, url] of [
      ['postgres', 'postgres://postgres:postgres@127.0.0.1:5432/postgres'],
      ['postgres', 'postgres://reader@localhost/crm'],
      ['postgres', 'postgresql://reader@LOCALHOST:5432/crm'],
      ['mongodb', 'mongodb://127.0.0.1:27017/?directConnection=true'],
      ['mongodb', 'mongodb://reader:pw@[::1]:27017/'],
      ['mongodb', 'mongodb+srv://localhost/'],
    ] as const) {
      expect(reasonOf(kind, url), url).toBe(PRIVATE)
      expect(reasonOf(kind, url, true), url).toBe('ok')
    }
    // Only the loopback hosts themselves: the rest of 127/8 stays refused.
    expect(reasonOf('postgres', 'postgres://reader@127.0.0.2/crm', true)).toBe(PRIVATE)
  })

  it.each([
    ['10/8', 'postgres://reader:pw@10.0.0.5:5432/crm'],
    ['172.16/12', 'postgres://reader@172.20.1.1/crm'],
    ['192.168/16', 'postgresql://reader@192.168.1.1/crm'],
    ['169.254/16, cloud metadata', 'postgres://reader@169.254.169.254:80/crm'],
    ['100.64/10, carrier-grade NAT', 'postgres://reader@100.100.1.1/crm'],
    ['0.0.0.0', 'postgres://reader@0.0.0.0:5432/crm'],
    ['an .internal name', 'postgres://reader@metadata.google.internal/crm'],
    ['an .internal name with a trailing dot', 'postgres://reader@db.corp.internal./crm'],
    ['IPv6 unique local', 'postgres://reader@[fd00::5]:5432/crm'],
    ['IPv6 link-local', 'postgres://reader@[fe80::1]:5432/crm'],
    ['IPv4-mapped IPv6', 'postgres://reader@[::ffff:10.0.0.5]:5432/crm'],
    ['10/8 in hex', 'postgres://reader@0x0a000005/crm'],
    ['10/8 as one number', 'postgres://reader@167772165:5432/crm'],
    ['10/8 shorthand', 'postgres://reader@10.5/crm'],
    ['10/8 percent-encoded', 'postgres://reader@%31%30.0.0.5/crm'],
    ['10/8 hidden behind an encoded comma', 'postgres://reader@db.example.com%2C10.0.0.5/crm'],
    ['the second of several Postgres hosts', 'postgres://reader@db.example.com:5432,10.0.0.5:5432/crm'],
    ['one private host of a MongoDB seed list', 'mongodb://r:pw@a.example.com:27017,192.168.1.1:27017/?replicaSet=rs0'],
    ['a private mongodb+srv name', 'mongodb+srv://reader@cluster0.corp.internal/'],
    ['a private proxyHost', 'mongodb://mongo.example.com/?proxyHost=10.0.0.5&proxyPort=1080'],
  ])('refuses a private host, with or without the allowance: %s', (_, url) => {
    const kind = url.startsWith('mongo') ? 'mongodb' : 'postgres'
    const refused = url.includes('proxyHost') ? 'must name a public proxyHost' : PRIVATE
    expect(reasonOf(kind, url)).toBe(refused)
    expect(reasonOf(kind, url, true)).toBe(refused)
  })

  it('refuses text a driver could read differently from this check', () => {
    const NO_HOST = 'must name its hosts as host or host:port, separated by commas'
    expect(reasonOf('postgres', 'postgres:///crm')).toBe(NO_HOST)
    expect(reasonOf('postgres', 'postgres://reader@db.example.com:99999/crm')).toBe(NO_HOST)
    expect(reasonOf('postgres', 'postgres://reader@db.example.com%2F..%2Fx/crm')).toBe(NO_HOST)
    expect(reasonOf('postgres', 'postgres://reader@%E0%A4%A/crm')).toBe(NO_HOST)
    expect(reasonOf('postgres', 'postgres://user:p@ss@10.0.0.5/crm')).toBe(
      'must percent-encode @ in the user name and password',
    )
    expect(reasonOf('mongodb', 'mongodb+srv://cluster0.example.net/?srvAllowedHostsSuffix=example.net')).toBe(
      'must not set srvAllowedHostsSuffix',
    )
    expect(reasonOf('mongodb', 'mongodb://mongo.example.com/?ProxyHost=localhost', true)).toBe('ok')
  })

  it('names the scheme a kind expects', () => {
    expect(reasonOf('postgres', 'mysql://db.example.com/crm')).toBe('must be a postgres:// or postgresql:// URL')
    expect(reasonOf('postgres', 'mongodb://db.example.com/crm')).toBe('must be a postgres:// or postgresql:// URL')
    expect(reasonOf('mongodb', 'postgres://db.example.com/crm')).toBe('must be a mongodb:// or mongodb+srv:// URL')
  })
})
