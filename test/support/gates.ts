// For tests that hold one side of a race open and check the other waits.

/** A promise that settles when `open` is called. */
export function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

/** True if `work` has not settled `ms` after this call: it is waiting on something held. */
export async function stillWaiting(work: Promise<unknown>, ms = 300) {
  let settled = false
  work.then(
    () => {
      settled = true
    },
    () => {
      settled = true
    },
  )
  await new Promise((r) => setTimeout(r, ms))
  return !settled
}
