import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** Libraries whose files are adapters (or doubles of them): one technology each, named first. */
const ADAPTER_LIBS = ['event-store', 'read-model', 'messaging', 'notifier', 'testing'];
const TECHNOLOGIES = ['in-memory', 'in-process', 'sqlite', 'postgres', 'eventstoredb', 'kafka'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe('adapter file names (docs/CONTRIBUTING.md)', () => {
  it('put the technology first and a dot after it: sqlite.checkpoint.store.ts, not sqlite-checkpoint.store.ts', () => {
    const dashed = new RegExp(`^(${TECHNOLOGIES.join('|')})-`);
    const offenders = ADAPTER_LIBS.flatMap((lib) => filesUnder(join(ROOT, 'libs', lib, 'src')))
      .filter((file) => file.endsWith('.ts') && dashed.test(file.split('/').pop()!))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
