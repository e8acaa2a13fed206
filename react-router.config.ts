import type { Config } from '@react-router/dev/config'

// SPA mode: the console is static assets served by the API Worker itself (wrangler.toml [assets]);
// every page sits behind login and reads tenant data live from the API, so server rendering would add
// a second render path and cookie sessions without showing the user anything sooner.
export default {
  appDirectory: 'app',
  buildDirectory: 'build/console',
  ssr: false,
} satisfies Config
