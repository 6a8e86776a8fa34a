import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** The worker's source, run as `npm run start:worker -- <args>` runs the built one, with nothing but the arguments. */
const worker = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', './scripts/swc-register.js', join(ROOT, 'apps/order-service/src/worker.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });

describe('npm run start:worker', () => {
  it.each<[string, string[]]>([
    ['--help', ['--help']],
    ['-h', ['-h']],
    ['no role', []],
    ['an unknown role', ['nonsense']],
    ['a role and more', ['api', 'extra']],
  ])('answers %s with its usage, as the other commands do, before starting anything', (_asked, args) => {
    const result = worker(...args);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage: npm run start:worker -- <api|relay|status-projector|eta|notifier>');
    expect(result.stderr).not.toMatch(/config|\n\s+at /i); // a question (or a typo) is not a configuration error, nor a crash
    expect(result.status).toBe(2);
  });
});
