import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decode } from 'jsonwebtoken';

const ROOT = join(__dirname, '../../../..');

/** `npm run -s token -- <args>` without the build: the CLI's source run as the README runs the built one. */
function token(...args: string[]) {
  const cli = join(ROOT, 'apps/order-service/src/cli/dev-token.cli.ts');
  return spawnSync(process.execPath, ['-r', './scripts/swc-register.js', cli, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
}

describe('the dev-token command', () => {
  it('prints a token for the customer named, or an ops token', () => {
    const customer = token('c1');
    expect(customer.status).toBe(0);
    expect(decode(customer.stdout.trim())).toMatchObject({ sub: 'c1', role: 'customer' });
    expect(decode(token('agent-1', 'ops').stdout.trim())).toMatchObject({ sub: 'agent-1', role: 'ops' });
  });

  it.each([['--help'], ['-h'], ['--role', 'ops'], ['c1', 'ops', 'extra'], ['c1', 'admin'], ['c1', '--help']])(
    'answers %s with its usage, never a token for a subject named like an option',
    (...args) => {
      const result = token(...args);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('usage: npm run -s token -- <customerId> [ops]');
      expect(result.status).toBe(2);
    },
  );
});
