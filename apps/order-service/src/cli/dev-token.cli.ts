import { exitWithUsage, loadConfig } from '@ot/config';
import { sign } from 'jsonwebtoken';

/**
 * Prints a JWT every route of the running service accepts, signed with the same validated
 * JWT_SECRET (the published dev default unless the environment sets one):
 *   npm run -s token -- <customerId> [ops]
 * Only stdout carries the token, so `TOKEN=$(npm run -s token -- c1)` works.
 */
function main(args: string[]): void {
  const [sub, role = 'customer'] = args;
  // an option (--help) is a question, not a customer id: answering it with a token would mislead
  if (!sub || sub.startsWith('-') || args.length > 2 || !['customer', 'ops'].includes(role)) exitWithUsage('usage: npm run -s token -- <customerId> [ops]');
  const config = loadConfig(process.env, { warn: (message) => process.stderr.write(`warning: ${message}\n`) });
  process.stdout.write(`${sign({ sub, role }, config.JWT_SECRET, { algorithm: 'HS256', expiresIn: '12h' })}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
