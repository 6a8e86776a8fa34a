import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

describe('the production build (tsconfig.build.json)', () => {
  it('compiles no specs, contract suites, test doubles or test support', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--listFilesOnly'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const ours = run.stdout
      .split('\n')
      .filter((file) => file.startsWith(ROOT) && !file.includes('/node_modules/'))
      .map((file) => relative(ROOT, file));
    expect(ours.length).toBeGreaterThan(100); // the apps and libs are there
    expect(ours.filter((file) => /\.spec\.ts$|\/contract\/|^libs\/testing\/|^test\//.test(file))).toEqual([]);
  }, 60_000);
});
