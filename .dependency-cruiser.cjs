/**
 * Layer rules (docs/ARCHITECTURE.md): dependencies point inward, domain <- application <- adapters
 * <- apps. Run by `npm run depcruise` (part of `npm run lint`); test/lint/layer-rules.spec.ts shows
 * that a violating import fails it. Specs and test/ may wire anything together, so most rules look
 * at production files only.
 */
const SPEC = '\\.spec\\.ts$';
/** Test code: specs, shared contract suites, test/, bench/ and libs/testing itself. */
const TEST_CODE = `(${SPEC}|/contract/|^test/|^bench/|^libs/testing/)`;
/** Node built-ins that reach the disk, the network, other processes or threads. */
const IO_BUILTINS = '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|readline|inspector|os|v8|vm)$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing but itself: no framework, no npm package, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: SPEC },
      to: { pathNot: '^libs/domain/src/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'core-does-no-io',
      comment: 'libs/domain and libs/application may use Node built-ins that compute, never ones that do I/O (time and I/O come through ports).',
      severity: 'error',
      from: { path: '^libs/(domain|application)/src/', pathNot: SPEC },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'application-imports-only-domain',
      comment: 'libs/application holds ports and use cases: it imports the domain and nothing else.',
      severity: 'error',
      from: { path: '^libs/application/src/', pathNot: SPEC },
      to: { pathNot: '^libs/(application|domain)/src/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Adapters (every lib) are composed by apps, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      comment: 'Apps share code through libs only.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'use-the-alias',
      comment: 'Another lib is imported through its @ot/* alias (its index), never by a relative path into its src.',
      severity: 'error',
      from: { path: '^(apps|libs|test|bench|scripts)/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/$2/', dependencyTypesNot: ['aliased-tsconfig'] },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'libs/testing (doubles, fixtures, probes) is for specs, test/ and bench/; production never loads it.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'bench-only-in-bench',
      comment: 'Benchmark code lives in bench/ and nothing outside bench/ depends on it.',
      severity: 'error',
      from: { pathNot: `(^bench/|${SPEC})` },
      to: { path: '^bench/' },
    },
    {
      name: 'contract-suites-only-in-tests',
      comment: 'contract/ folders hold shared test suites; tsconfig.build.json leaves them out of dist.',
      severity: 'error',
      from: { pathNot: TEST_CODE },
      to: { path: '/contract/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo in an @ot alias would otherwise pass unchecked).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The fixture of test/lint/layer-rules.spec.ts breaks every rule on purpose; that spec cruises it on its own.
    exclude: { path: '(^|/)(dist|data|coverage)/|^test/lint/layer-fixture/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
  },
};
