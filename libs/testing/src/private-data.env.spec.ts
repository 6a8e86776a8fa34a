import { join } from 'node:path';
import { CONFIG_KEYS, loadConfig } from '@ot/config';
import { privateDataEnv } from './private-data.env';

describe('privateDataEnv', () => {
  it('moves every file and folder setting into the given directory, leaving nothing under ./data', () => {
    const config = loadConfig({ ...privateDataEnv('/tmp/t1'), EVENT_STORE: 'sqlite' });
    const files = CONFIG_KEYS.filter((key) => /_(PATH|DIR)$/.test(key) && config[key] !== undefined);
    expect(files).toEqual(expect.arrayContaining(['SQLITE_PATH', 'READ_MODEL_PATH', 'ETA_READ_MODEL_PATH', 'PARTNER_OUTBOX_DB_PATH', 'RELAY_CHECKPOINT_PATH']));
    for (const key of files) expect(`${key}=${config[key]}`).toMatch(new RegExp(`^${key}=/tmp/t1/`));
    expect(privateDataEnv('/tmp/t1').SQLITE_PATH).toBe(join('/tmp/t1', 'events.db'));
  });
});
