import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ot/event-store';

const ROOT = join(__dirname, '../..');

/** `npm run projections:rebuild -- <args>` without the build, on the files of `dir`. */
function rebuild(dir: string, ...args: string[]) {
  const env = {
    PATH: process.env.PATH,
    SQLITE_PATH: join(dir, 'events.db'),
    READ_MODEL_PATH: join(dir, 'read-model.db'),
    ETA_READ_MODEL_PATH: join(dir, 'eta-read-model.db'),
  };
  return spawnSync(process.execPath, ['-r', './scripts/swc-register.js', 'scripts/projections-rebuild.ts', ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe('npm run projections:rebuild', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ot-rebuild-'));
    await new SqliteEventStore({ path: join(dir, 'events.db'), writerThread: false }).close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the views of an event store', () => {
    const result = rebuild(dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'read-model.db'))).toBe(true);
  });

  it('answers --help with its usage and touches no file (a running service may own them)', () => {
    const result = rebuild(dir, '--help');
    expect(result.stderr).toContain('usage: npm run projections:rebuild');
    expect(result.status).toBe(2);
    expect(existsSync(join(dir, 'read-model.db'))).toBe(false);
  });
});
