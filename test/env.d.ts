type AppEnv = import('../workers/env.ts').Env
declare namespace Cloudflare {
  interface Env extends AppEnv {}
  interface GlobalProps {
    mainModule: typeof import('../workers/index.ts')
  }
}
