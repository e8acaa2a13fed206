/**
 * The V8 heap of a `wrangler dev` worker, read over its inspector: what the isolate holds, as opposed
 * to the process's resident memory, which also counts heap V8 has not given back after a collection.
 * Production caps the isolate at 128 MB, so the live heap is what must stay flat.
 */
import type { WorkerInspector } from './worker-inspector.ts'

type Usage = { used_mb: number; total_mb: number }

export function workerHeap(inspector: WorkerInspector) {
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  return {
    /** Heap in use and reserved now, garbage included. */
    async usage(): Promise<Usage> {
      const { usedSize, totalSize } = await inspector.call<{ usedSize: number; totalSize: number }>(
        'Runtime.getHeapUsage',
      )
      return { used_mb: mb(usedSize), total_mb: mb(totalSize) }
    },
    /** Heap still reachable after a full collection: the working set. */
    async live(): Promise<Usage> {
      await inspector.call('HeapProfiler.collectGarbage')
      return this.usage()
    },
  }
}
