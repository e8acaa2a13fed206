/**
 * Where a `wrangler dev` worker's time goes, measured: a V8 CPU profile (sampled every millisecond over
 * the inspector), each sample given to a stage by the source module of its nearest frame that a rule
 * names (esbuild's bundle marks each module with a `// path` comment line). Idle samples are time the
 * isolate waited on I/O (Postgres, R2, the queue, the Durable Object).
 */
import { round } from './stats.ts'
import type { WorkerInspector } from './worker-inspector.ts'

/** A stage and the source paths whose code counts as it; the first rule that matches a frame wins. */
export type StageRule = readonly [stage: string, modules: RegExp]

type CallFrame = { functionName: string; scriptId: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** V8's own nodes. A Map: a JS function named `toString` must not find Object.prototype's. */
const VM_NODES = new Map([
  ['(idle)', 'idle (waiting on I/O)'],
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'runtime (outside JS)'],
])

/** Each bundled module's first line, in order, from esbuild's `// path` markers. */
function moduleStarts(source: string): { line: number; path: string }[] {
  const starts: { line: number; path: string }[] = []
  source.split('\n').forEach((text, line) => {
    // A symlinked node_modules shows as its real path (`../main/node_modules/...`): the prefix goes.
    const marker = /^\/\/ (?:\S*?\/)?((?:node_modules|workers|durable-objects|db)\/\S+\.[cm]?[jt]sx?)$/.exec(text)
    if (marker?.[1]) starts.push({ line, path: marker[1] })
  })
  return starts
}

function moduleAt(starts: { line: number; path: string }[], line: number): string | undefined {
  let lo = 0
  let hi = starts.length - 1
  let found: string | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const start = starts[mid] as { line: number; path: string }
    if (start.line <= line) {
      found = start.path
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export async function startWorkerProfile(inspector: WorkerInspector, rules: readonly StageRule[]) {
  await inspector.call('Profiler.enable')
  await inspector.call('Profiler.setSamplingInterval', { interval: 1000 })
  await inspector.call('Profiler.start')
  return {
    /**
     * Stops the profile; milliseconds per stage (they add up to the profiled wall time), and the
     * functions that spent the most time themselves (self time), with their module.
     */
    async stop() {
      const { profile } = await inspector.call<{ profile: Profile }>('Profiler.stop')
      await inspector.call('Profiler.disable')
      await inspector.call('Debugger.enable') // after the profile: a debugger attached during it would slow the run
      const scripts = new Map<string, { line: number; path: string }[]>()
      for (const scriptId of new Set(profile.nodes.map((n) => n.callFrame.scriptId))) {
        if (scriptId === '0' || scripts.has(scriptId)) continue
        const { scriptSource } = await inspector.call<{ scriptSource?: string }>('Debugger.getScriptSource', {
          scriptId,
        })
        scripts.set(scriptId, moduleStarts(scriptSource ?? ''))
      }
      await inspector.call('Debugger.disable')
      const parent = new Map<number, ProfileNode>()
      const byId = new Map(profile.nodes.map((n) => [n.id, n]))
      for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node)
      const stageOf = new Map<number, string>()
      const classify = (leaf: ProfileNode): string => {
        const vm = VM_NODES.get(leaf.callFrame.functionName)
        if (vm) return vm
        for (let node: ProfileNode | undefined = leaf; node; node = parent.get(node.id)) {
          const path = moduleAt(scripts.get(node.callFrame.scriptId) ?? [], node.callFrame.lineNumber)
          const rule = path && rules.find(([, modules]) => modules.test(path))
          if (rule) return rule[0]
        }
        return 'other'
      }
      const stages: Record<string, number> = {}
      const functions: Record<string, number> = {}
      profile.samples.forEach((id, i) => {
        const node = byId.get(id)
        if (!node) return
        const { functionName, scriptId, lineNumber } = node.callFrame
        const fn = `${functionName || '(anonymous)'} ${moduleAt(scripts.get(scriptId) ?? [], lineNumber) ?? ''}`.trim()
        functions[fn] = (functions[fn] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000
        let stage = stageOf.get(id)
        if (!stage) {
          stage = classify(node)
          stageOf.set(id, stage)
        }
        stages[stage] = (stages[stage] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000
      })
      const sorted = (times: Record<string, number>) =>
        Object.entries(times)
          .sort(([, a], [, b]) => b - a)
          .map(([name, ms]) => [name, round(ms, 0)] as const)
      return {
        profiled_ms: round((profile.endTime - profile.startTime) / 1000, 0),
        stages_ms: Object.fromEntries(sorted(stages)),
        top_self_ms: Object.fromEntries(sorted(functions).slice(0, 15)),
      }
    },
  }
}
