import { join } from 'node:path';
import { ServiceConfig } from '@ot/config';

const DATA = './data/';

/** Every setting whose default is a file or folder under ./data (logs, read models, checkpoints, outboxes). */
const DATA_SETTINGS = Object.entries(new ServiceConfig()).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].startsWith(DATA));

/**
 * The environment that moves all of a service's files from ./data into `dir`, for a test that
 * starts a service (spawned or in process): a file left at its default is shared with every other
 * test, and a checkpoint kept beside another log would skip this log's events. Spread it first,
 * so the test's own settings win.
 */
export function privateDataEnv(dir: string): Record<string, string> {
  return Object.fromEntries(DATA_SETTINGS.map(([key, path]) => [key, join(dir, path.slice(DATA.length))]));
}
