import { env } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'
import { buildServices } from '../../../workers/services/container.ts'

describe('account emails in the test stack', () => {
  it('reach the harness mailbox through the configured provider', async () => {
    const services = buildServices(env, {})
    expect(services.config.APP_URL).toBe('http://aos.test')
    const to = `mailer-${crypto.randomUUID().slice(0, 8)}@example.com`
    await services.mailer.send({ to, subject: 'Wired', text: 'text body', html: '<p>html body</p>' })
    const res = await fetch(`${inject('harnessUrl')}/mailbox/messages?to=${to}`)
    const { data } = (await res.json()) as { data: { subject: string; from: string }[] }
    expect(data).toMatchObject([{ subject: 'Wired', from: services.config.EMAIL_FROM }])
  })
})
