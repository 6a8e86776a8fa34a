import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(__dirname, 'layer-fixture');

/**
 * Runs the repository's layer rules (.dependency-cruiser.cjs) over a tree exactly as `npm run depcruise`
 * does (same reporter, so the same exit status) and reads back "rule: from" for each violation.
 */
function cruise(cwd: string, ...paths: string[]): { status: number | null; violations: string[] } {
  const run = spawnSync(join(ROOT, 'node_modules/.bin/depcruise'), [...paths, '--config', join(ROOT, '.dependency-cruiser.cjs')], { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  const violations = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) →/gm)].map(([, rule, from]) => `${rule}: ${from}`);
  return { status: run.status, violations: violations.sort() };
}

describe('layer rules (dependency-cruiser)', () => {
  it('fail on each kind of forbidden import, once per offending file, and let allowed ones through', () => {
    const { status, violations } = cruise(FIXTURE, 'apps', 'libs', 'bench');
    expect(violations).toEqual(
      [
        'domain-is-pure: libs/domain/src/policy.ts', // a framework in the domain
        'core-does-no-io: libs/domain/src/clock.ts', // node:fs in the domain
        'application-imports-only-domain: libs/application/src/handler.ts', // a database driver in application
        'libs-never-import-apps: libs/event-store/src/store.ts',
        'apps-never-import-each-other: apps/api/src/main.ts',
        'use-the-alias: apps/worker/src/main.ts', // ../../../libs/domain/src/clock instead of @ot/domain
        'testing-only-in-tests: apps/api/src/double.ts',
        'bench-only-in-bench: libs/event-store/src/bench-user.ts',
        'contract-suites-only-in-tests: libs/event-store/src/uses-contract.ts',
      ].sort(),
    );
    expect(status).toBe(9); // depcruise exits with the error count: npm run lint, and so CI, fails
  });

  it('pass on the repository itself', () => {
    const { status, violations } = cruise(ROOT, 'apps', 'libs', 'test', 'bench', 'scripts');
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });
});
