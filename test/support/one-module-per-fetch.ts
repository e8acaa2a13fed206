import type { Plugin } from 'vite'
import type { PoolWorker } from 'vitest/node'

interface RpcQuery {
  t: 'q'
  m: string
  i: string
}

const isWarmModulesQuery = (message: unknown): message is RpcQuery =>
  typeof message === 'object' &&
  message !== null &&
  (message as Partial<RpcQuery>).t === 'q' &&
  (message as Partial<RpcQuery>).m === 'fetchWarmModules'

/**
 * Vitest answers a test worker's first module fetch with every module of the file's import graph in
 * one message. For a file that imports the whole API that is over 32 MiB (the modules and their
 * source maps), past workerd's WebSocket message limit: workerd closes with 1009 and the pool dies,
 * taking the file's tests with it. Answering "no snapshot" makes the runner fetch module by module,
 * which it already does for every module the snapshot lacks.
 */
export function oneModulePerFetch(): Plugin {
  return {
    name: 'aos:one-module-per-fetch',
    configureVitest({ project }) {
      const runner = project.config.poolRunner
      if (!runner) throw new Error('oneModulePerFetch() must come after the Cloudflare test plugin')
      project.config.poolRunner = {
        name: runner.name,
        createPoolWorker(options) {
          const worker: PoolWorker = runner.createPoolWorker(options)
          const on = worker.on.bind(worker)
          worker.on = (event, callback) =>
            on(event, (...args: unknown[]) => {
              const [message] = args
              if (event === 'message' && isWarmModulesQuery(message)) {
                worker.send({ t: 's', i: message.i, r: null } as unknown as Parameters<PoolWorker['send']>[0])
                return
              }
              callback(...args)
            })
          return worker
        },
      }
    },
  }
}
