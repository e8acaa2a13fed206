/** A small client for the platform's own API from Node scripts (demo seed, benchmarks). */
export async function request<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
  const res = await fetch(url, { ...init, headers })
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Polls a job until it ends; its final status (or 'timed out' after a minute). */
export async function waitForJob(base: string, token: string, id: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const job = await request<{ status: string }>(`${base}/v1/jobs/${id}`, { token })
    if (['succeeded', 'dead', 'cancelled'].includes(job.status)) return job.status
    await new Promise((r) => setTimeout(r, 200))
  }
  return 'timed out'
}

/**
 * Signs up as a person does: the form, then the link the mailbox stand-in received. Returns the
 * owner's access token.
 */
export async function signupViaMailbox(
  base: string,
  mailboxUrl: string,
  account: { email: string; password: string; tenant_name: string },
): Promise<string> {
  await request(`${base}/v1/auth/signup`, { method: 'POST', body: JSON.stringify(account) })
  const { data } = await request<{ data: { text: string }[] }>(
    `${mailboxUrl}/mailbox/messages?to=${encodeURIComponent(account.email)}`,
  )
  const token = /verify-email\?token=([^\s"&<]+)/.exec(data[0]?.text ?? '')?.[1]
  if (!token) throw new Error(`no signup link reached ${account.email}`)
  const session = await request<{ access_token: string }>(`${base}/v1/auth/verify-email`, {
    method: 'POST',
    body: JSON.stringify({ token: decodeURIComponent(token) }),
  })
  return session.access_token
}
