/**
 * Reads until `done` holds of what `read` returns, every `intervalMs`, and throws `failure` of the last
 * reading after `timeoutMs`: for waits in hooks and helpers, where `expect.poll` cannot run.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs?: number; failure: (last: T) => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(options.failure(value))
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200))
  }
}
