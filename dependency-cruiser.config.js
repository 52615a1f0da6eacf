/**
 * The layer rules of docs/architecture.md, checked by `npm run lint` (dependency-cruiser). Type-only
 * imports count like any other: `tsPreCompilationDeps` keeps them in the graph.
 *
 * Composition roots build the processes and may import any layer: src/main.ts (server),
 * workers/main.ts (workers), src/config/runtime.ts (what every process shares), src/cli/main.ts
 * (CLI), plus bench/ and tests/.
 */

/**
 * What each layer may import besides itself and npm packages (docs/architecture.md, "Layers").
 * machines/ imports nothing of the app (its own rule below); src/main.ts, bench/ and tests/ import
 * anything.
 */
const LAYERS = {
  'src/domain': ['machines'],
  'src/shared': [],
  'src/store': ['machines', 'src/domain', 'src/shared'],
  'src/deadlines': ['machines', 'src/domain', 'src/shared'],
  'src/org': ['machines', 'src/domain', 'src/shared'],
  'src/auth': ['machines', 'src/domain', 'src/shared'],
  'src/redis': ['src/shared', 'src/store'],
  'src/engine': ['machines', 'src/domain', 'src/shared', 'src/store', 'src/deadlines', 'src/org'],
  'src/alerts': ['machines', 'src/domain', 'src/shared', 'src/store', 'src/deadlines', 'src/engine'],
  'src/demo': ['machines', 'src/domain', 'src/shared', 'src/engine', 'src/auth', 'src/org'],
  'src/web': ['machines', 'src/domain', 'src/shared'],
  // Background jobs: verifications of large subtrees, run in child processes with their state in Redis.
  'src/jobs': ['machines', 'src/domain', 'src/shared', 'src/engine', 'src/auth'],
  'src/api': [
    ...['machines', 'src/domain', 'src/shared', 'src/engine', 'src/auth', 'src/alerts', 'src/web'],
    // The fail-fast layer reads whether Redis answers (503 with Retry-After while it does not).
    ...['src/jobs', 'src/redis'],
  ],
  'src/config': [
    ...['machines', 'src/domain', 'src/shared', 'src/store', 'src/deadlines', 'src/engine'],
    ...['src/auth', 'src/redis'],
  ],
  workers: [
    ...['machines', 'src/domain', 'src/shared', 'src/store', 'src/deadlines', 'src/engine'],
    ...['src/alerts', 'src/config'],
  ],
  // The CLI is a composition root too: `congress serve` and `congress worker` start the others.
  'src/cli': [
    ...['machines', 'src/domain', 'src/shared', 'src/engine', 'src/auth', 'src/org', 'src/demo'],
    ...['src/redis', 'src/config', 'src/main.ts', 'workers', 'src/jobs'],
    // The installed `congress` launcher (bin/) builds dist/ first when it is stale, as `npm start` does.
    'scripts/build-stamp.js',
    // `export --format minutes` prints the same vote-count minutes document the API serves.
    'src/web',
  ],
  scripts: ['machines'],
};

/** Any module of the app's own layers. */
const APP_MODULE = '^(src/[^/]+/|src/main[.]ts$|machines/|workers/|scripts/)';

/**
 * A forbidden rule: `layer` importing a layer of the app not in `allowed`.
 * @param {string} layer
 * @param {string[]} allowed
 */
function layerRule(layer, allowed) {
  const asPath = (/** @type {string} */ name) =>
    /[.][jt]s$/.test(name) ? `^${name.replaceAll('.', '[.]')}$` : `^${name}/`;
  return {
    name: `layer-${layer.replace('/', '-')}`,
    comment: `${layer} imports only ${allowed.join(', ') || 'itself'} (docs/architecture.md).`,
    severity: 'error',
    // The chaos run is a composition root like bench/: it starts the product's processes and reads Redis.
    from: { path: `^${layer}/`, pathNot: '^scripts/chaos/' },
    to: { path: APP_MODULE, pathNot: [layer, ...allowed].map(asPath) },
  };
}

/** Who may import each infrastructure package: its adapters and the composition roots. */
const ALLOWED_IMPORTERS = {
  ioredis: [
    '^src/store/', // the Redis adapters: keys, Lua scripts, event log, snapshots, roll-ups
    '^src/redis/', // finding, probing or starting the Redis server
    '^src/auth/token-store[.]ts$', // hashed bearer tokens
    '^src/auth/account-store[.]ts$', // accounts, the administration log, sessions per account
    '^src/auth/sign-in-lockout[.]ts$', // failed sign-ins per account
    '^src/alerts/alert-store[.]ts$', // alert records and team feeds
    '^src/alerts/feed-pages[.]ts$', // pages of several team feeds merged
    '^src/alerts/alert-scripts[.]ts$', // the alert Lua scripts
    '^src/alerts/alert-context[.]ts$', // the small read a firing needs
    '^src/alerts/live-alerts[.]ts$', // pub/sub of new alerts for the SSE stream
    '^src/alerts/live-alert-hub[.]ts$', // the one subscriber connection per process that fans out to streams
    '^src/jobs/verification-jobs[.]ts$', // the state of background verifications
    '^src/alerts/webhook-config[.]ts$', // per-team webhook settings
    '^src/alerts/webhook-delivery[.]ts$', // the dead-letter list
    '^src/main[.]ts$',
    '^workers/main[.]ts$',
    '^src/config/runtime[.]ts$',
    '^bench/',
    '^scripts/chaos/',
    '^tests/',
  ],
  bullmq: [
    '^src/deadlines/bullmq-scheduler[.]ts$', // the scheduler ports over the deadline queue
    '^src/deadlines/queues[.]ts$', // queue names, prefix and job options
    '^src/alerts/webhook-delivery[.]ts$', // enqueueing webhook deliveries
    '^src/alerts/bull-board[.]ts$', // the queue dashboard at /admin/queues
    '^workers/[^/]+[.]worker[.]ts$', // BullMQ processors: parse the job, call the use case
    '^src/main[.]ts$',
    '^workers/main[.]ts$',
    '^src/config/runtime[.]ts$',
    '^bench/',
    '^tests/',
  ],
  express: [
    '^src/api/', // routes, middleware, problem+json
    '^src/web/dashboard[.]router[.]ts$', // the dashboard's static files
    '^src/alerts/bull-board[.]ts$', // the queue dashboard is an Express router
    '^src/main[.]ts$',
    '^workers/main[.]ts$',
    '^src/config/runtime[.]ts$',
    '^bench/',
    '^tests/',
  ],
  // OpenID Connect sign-in: one adapter speaks to the provider; the routes see only its port.
  'openid-client': ['^src/auth/oidc-client[.]ts$', '^tests/'],
  // The local provider the sign-in tests run against: a dev dependency, never in the product.
  'oidc-provider': ['^tests/'],
};

/**
 * A forbidden rule: any importer outside `allowed` of the package `name` (its types included).
 * @param {string} name
 * @param {string[]} allowed
 */
function onlyFrom(name, allowed) {
  return {
    name: `only-adapters-import-${name}`,
    comment: `${name} is imported only by its adapters and the composition roots (docs/architecture.md).`,
    severity: 'error',
    from: { pathNot: allowed },
    // Not anchored at the start: linted from a sub-folder (tests/fixtures/layers) the package
    // resolves to ../../../node_modules/….
    to: { path: `(^|/)node_modules/(@types/)?${name}/` },
  };
}

export default {
  forbidden: [
    ...Object.entries(ALLOWED_IMPORTERS).map(([name, allowed]) => onlyFrom(name, allowed)),
    ...Object.entries(LAYERS).map(([layer, allowed]) => layerRule(layer, allowed)),
    {
      name: 'machines-import-nothing-from-the-app',
      comment: 'machines/ is the pure core: statecharts, rules, calendar. It imports nothing above it.',
      severity: 'error',
      from: { path: '^machines/' },
      to: { path: '^(src|workers|scripts|bench|tests)/' },
    },
    {
      name: 'only-the-server-imports-the-api',
      comment:
        'src/api/ is reached only by the server composition root, its tests and the HTTP benchmarks; ' +
        'what the CLI shares with it lives in the engine or the domain.',
      severity: 'error',
      from: { pathNot: ['^src/api/', '^src/main[.]ts$', '^tests/', '^bench/'] },
      to: { path: '^src/api/' },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No two folders (capabilities) import each other, directly or around a longer loop.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: '^node_modules/' },
    // The fixtures break the rules on purpose; tests/lint/layers.test.ts lints them on their own.
    exclude: { path: '^(dist|var|coverage|tests/fixtures/layers)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
