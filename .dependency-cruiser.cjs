/**
 * The layering of docs/decisions/007-layers-and-the-contract.md, checked: `npm run lint` fails on any import that breaks it.
 * api/, queues/ and scheduled/ reach shared work through services/; core/ is pure; app/ sees only the contract.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes the load order matter and the modules inseparable.',
      from: { path: '^(workers|durable-objects|app|db|scripts)/' },
      to: { circular: true },
    },
    {
      name: 'api-not-jobs',
      severity: 'error',
      comment: 'api/ is Hono only: what it shares with queue consumers and cron lives in services/.',
      from: { path: '^workers/api/' },
      to: { path: '^workers/(queues|scheduled)/' },
    },
    {
      name: 'jobs-not-api',
      severity: 'error',
      comment: 'Queue consumers and cron reach shared work through services/, never through api/.',
      from: { path: '^workers/(queues|scheduled)/' },
      to: { path: '^workers/api/' },
    },
    {
      name: 'entry-points-not-repositories',
      severity: 'error',
      comment: 'Routes, queue consumers and cron call services; services call repositories.',
      from: { path: '^workers/(api|queues|scheduled)/' },
      to: { path: '^workers/adapters/db/' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'core/ is domain logic without I/O: no adapters, no HTTP layer, no services; of the contract, only its zod-free vocabulary.',
      from: { path: '^workers/core/' },
      to: {
        path: '^workers/(adapters|api|queues|scheduled|services)/|^(durable-objects|app|db|scripts)/|^workers/contract/(?!vocabulary/)',
      },
    },
    {
      name: 'services-below-entrypoints',
      severity: 'error',
      comment: 'services/ is shared by routes, queue consumers and cron, so it cannot depend on any of them.',
      from: { path: '^workers/services/' },
      to: { path: '^workers/(api|queues|scheduled)/' },
    },
    {
      name: 'contract-is-wire-only',
      severity: 'error',
      comment: 'The contract describes the wire; it builds on core shapes and does no I/O.',
      from: { path: '^workers/contract/' },
      to: { path: '^workers/(adapters|api|queues|scheduled|services)/|^(durable-objects|app|db|scripts)/' },
    },
    {
      name: 'vocabulary-is-a-leaf',
      severity: 'error',
      comment:
        'Zod-free constants both core and the console import: they import nothing, so neither pulls in the other.',
      from: { path: '^workers/contract/vocabulary/' },
      to: { path: '^(?!workers/contract/vocabulary/)' },
    },
    {
      name: 'core-plain-zod',
      severity: 'error',
      comment: 'OpenAPI metadata belongs to the contract; core uses plain zod.',
      from: { path: '^workers/core/' },
      to: { path: '@hono/|(^|/)node_modules/hono/' },
    },
    {
      name: 'console-sees-contract-only',
      severity: 'error',
      comment: 'The console shares wire shapes and constants with the API through workers/contract only.',
      from: { path: '^app/' },
      to: { path: '^(workers/(?!contract/)|durable-objects/|db/|scripts/)' },
    },
    {
      name: 'db-not-outward',
      severity: 'error',
      comment: 'db/ holds schema and migrations; it imports no application code.',
      from: { path: '^db/' },
      to: { path: '^(workers|durable-objects|app|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(build|\\.react-router|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
