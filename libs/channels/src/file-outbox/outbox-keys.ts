import { createHash, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The idempotency keys the outbox file has accepted, one file per key holding the accepted line.
 * A key is published with link(2), which fails if the name exists: atomic across processes, and a
 * key file is never seen half written (it is written under a temporary name first).
 */
export class OutboxKeys {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Records `key` with its line; undefined when it is new, else the line accepted under it before. */
  accept(key: string, line: string): string | undefined {
    const final = join(this.dir, createHash('sha256').update(key).digest('hex'));
    const temporary = `${final}.${randomUUID()}.tmp`;
    writeFileSync(temporary, line);
    try {
      linkSync(temporary, final);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return readFileSync(final, 'utf8');
    } finally {
      unlinkSync(temporary);
    }
  }
}
