import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * A fresh folder under the OS temp dir for one phase's files (seeded stores hold up to a few GB), removed when the
 * bench process exits; `BENCH_KEEP_FILES=1` keeps them for a look afterwards.
 */
export function benchTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ot-bench-${name}-`));
  if (made.length === 0) process.once('exit', removeAll);
  made.push(dir);
  return dir;
}

function removeAll(): void {
  if (process.env.BENCH_KEEP_FILES === '1') {
    console.error(`bench files kept: ${made.join(' ')}`);
    return;
  }
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}
