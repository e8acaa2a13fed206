export type SlackResult = { ok: true } | { ok: false; error: string }

/** Posts to a Slack incoming webhook (`{text}` JSON); Slack answers 200 "ok" on success. */
export async function postToSlack(webhookUrl: string, text: string, timeoutMs = 10_000): Promise<SlackResult> {
  try {
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (res.ok) return { ok: true }
    const body = (await res.text()).slice(0, 200)
    return { ok: false, error: `Slack answered ${res.status}${body ? `: ${body}` : ''}` }
  } catch (error) {
    return { ok: false, error: `Slack unreachable: ${error instanceof Error ? error.message : String(error)}` }
  }
}
