import { sign } from 'jsonwebtoken';
import { loadConfig } from '../config/load-config';

/**
 * Prints a JWT the running service accepts, signed with the same JWT_SECRET (the dev default
 * unless the environment sets one), for trying GET /orders/:id by hand:
 *   npm run -s token -- <customerId> [ops]
 * Only stdout carries the token, so `TOKEN=$(npm run -s token -- c1)` works.
 */
function main(args: string[]): void {
  const [sub, role = 'customer'] = args;
  if (!sub || !['customer', 'ops'].includes(role)) {
    process.stderr.write('usage: npm run -s token -- <customerId> [ops]\n');
    process.exit(2);
  }
  const config = loadConfig(process.env, { warn: (message: string) => process.stderr.write(`warning: ${message}\n`) });
  process.stdout.write(`${sign({ sub, role }, config.JWT_SECRET, { algorithm: 'HS256', expiresIn: '12h' })}\n`);
}

main(process.argv.slice(2));
