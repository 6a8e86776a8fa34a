/**
 * npm run bench:journey -- [--data <csv>] [--orders N] [--once] [--port P] [--keep]
 *
 * Replays the Olist orders over HTTP against the default order-service (event-time clock, fresh
 * data directory), with push preferences for every customer, then judges what customers received
 * (the outbox files) and what GET /orders/:id shows. Twice, to check the two runs sent the same
 * messages. Progress on stderr; the last stdout line is one JSON object (docs/JOURNEY.md).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readOlistOrders } from '@ot/replay';
import { describeDetails, measureJourney } from './journey.measure';
import { repoRoot } from './order-service.process';
import { answerHelp } from '@ot/config';

const USAGE = 'usage: npm run bench:journey -- [--data <csv>] [--orders N] [--once] [--port P] [--keep]';

async function main(): Promise<void> {
  answerHelp(USAGE);
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(repoRoot(), '..', 'shared', 'data', 'olist-orders.csv') },
      orders: { type: 'string' },
      once: { type: 'boolean', default: false },
      port: { type: 'string', default: '3700' },
      keep: { type: 'boolean', default: false },
    },
  });
  const limit = values.orders !== undefined ? Number(values.orders) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error('--orders must be a positive whole number');
  const port = Number(values.port);
  if (!(Number.isInteger(port) && port > 0 && port < 65535)) throw new Error('--port must be a port number');
  const orders = readOlistOrders(values.data, limit);
  process.stderr.write(`bench:journey: ${orders.length} orders from ${values.data}${values.once ? ', one run' : ', two runs'}\n`);
  const { result, details } = await measureJourney({ orders, port, entry: 'built', once: values.once, keep: values.keep });
  process.stderr.write(`${describeDetails(details)}\n`);
  console.log(JSON.stringify(result));
}

// exit (and so stop the service child, see order-service.process.ts) on Ctrl-C or kill
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
