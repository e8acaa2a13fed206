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
