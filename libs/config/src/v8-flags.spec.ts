import { execFileSync } from 'node:child_process';
import { SERVICE_V8_FLAGS } from './v8-flags';

describe('the service V8 flags', () => {
  it('are flags this node knows (setFlagsFromString would only warn of a typo)', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of SERVICE_V8_FLAGS) expect(known).toContain(`--${flag.replace(/^--(no-)?/, '')} `);
  });
});
