import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** A bench command's source, run as the docs run the built one, with nothing but the arguments. */
function run(file: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './scripts/swc-register.js', join(ROOT, file), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
}

describe('the bench commands the README names', () => {
  it.each([
    ['bench/eta/eta.bench.ts', 'usage: npm run bench:eta -- --data <csv> [--limit N] [--without '],
    ['bench/eta/offline-reference.bench.ts', 'usage: node dist/bench/eta/offline-reference.bench.js --data <csv> [--limit N] [--trees N]'],
    ['bench/journey/journey.bench.ts', 'usage: npm run bench:journey -- [--data <csv>] [--orders N] [--once] [--port P] [--keep]'],
  ])('%s answers --help with its usage, not a stack trace or an unknown option', (file, usage) => {
    for (const flag of ['--help', '-h']) {
      const result = run(file, flag);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(usage);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack
      expect(result.status).toBe(2);
    }
  });
});
