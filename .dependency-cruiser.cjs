/**
 * The direction of imports (README, "Architecture"), checked by `npm run lint`:
 *
 *   apps/api, apps/cli ─▶ libs/application ─▶ libs/{read-models, audit, access, event-store} ─▶ libs/domain
 *   libs/demo (the generator) ─▶ libs/application;  bench/, test/ ─▶ anything above
 *
 * Test code (specs, contract suites, libs/testing) may wire adapters together; production code
 * may not. test/violations.e2e.ts shows each rule failing on a deliberate violation.
 */
const TEST_CODE = '(\\.spec\\.ts|\\.contract\\.ts|\\.e2e\\.ts)$|^libs/testing/|^libs/[^/]+/testing/|^test/|^bench/';
const lib = (name) => `^libs/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports no other lib, no framework and no Node API: decide/evolve and plans as data.',
      severity: 'error',
      from: { path: lib('domain'), pathNot: TEST_CODE },
      to: { pathNot: [lib('domain'), '^node_modules/(date-holidays)/'].join('|') },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: lib('domain'), pathNot: TEST_CODE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-lib-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'cli-does-not-import-api',
      comment: 'What both need lives in libs/application.',
      severity: 'error',
      from: { path: '^apps/cli/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'api-does-not-import-cli',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/cli/' },
    },
    {
      name: 'web-talks-http-only',
      comment: 'The web app reaches the service over HTTP (its typed client), never by importing it.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/(api|cli)|libs)/' },
    },
    {
      name: 'nothing-imports-web',
      severity: 'error',
      from: { pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'nothing-imports-bench',
      severity: 'error',
      from: { pathNot: '^bench/' },
      to: { path: '^bench/' },
    },
    {
      name: 'nothing-imports-test',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'testing-only-from-tests',
      comment: 'libs/testing wires real adapters for specs; production code never reaches it.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: lib('testing') },
    },
    {
      name: 'demo-only-from-cli-bench-tests',
      severity: 'error',
      from: { pathNot: `${TEST_CODE}|^apps/cli/|^libs/demo/` },
      to: { path: lib('demo') },
    },
    {
      name: 'application-below-the-apps',
      comment: 'The application layer serves the apps and the demo; it does not reach up into them.',
      severity: 'error',
      from: { path: '^libs/(read-models|audit|access|event-store|domain)/', pathNot: TEST_CODE },
      to: { path: `${lib('application')}|${lib('demo')}` },
    },
    {
      name: 'read-models-and-audit-apart',
      comment: 'Neither imports the other: what both need lives in the domain or the event store.',
      severity: 'error',
      from: { path: lib('read-models') },
      to: { path: lib('audit') },
    },
    {
      name: 'audit-and-read-models-apart',
      severity: 'error',
      from: { path: lib('audit') },
      to: { path: lib('read-models') },
    },
    {
      name: 'event-store-is-a-port',
      comment: 'The event store knows no read model, audit or access rule.',
      severity: 'error',
      from: { path: lib('event-store'), pathNot: TEST_CODE },
      to: { path: '^libs/(read-models|audit|access|application|demo)/' },
    },
    {
      name: 'only-the-port-of-another-lib',
      comment: 'Adapters (SQLite, EventStoreDB, MongoDB) are opened by libs/application/stores; other production code uses the ports.',
      severity: 'error',
      from: { pathNot: `${TEST_CODE}|^libs/application/stores/|^libs/(event-store|read-models)/` },
      to: { path: '^libs/(event-store|read-models)/(sqlite|postgres|eventstoredb|mongodb)/' },
    },
    {
      name: 'read-models-use-the-event-store-port',
      severity: 'error',
      from: { path: lib('read-models'), pathNot: TEST_CODE },
      to: { path: '^libs/event-store/(sqlite|postgres|eventstoredb)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // 'source': package.json's imports name the TypeScript sources under it (dist/ under 'default').
      conditionNames: ['source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
