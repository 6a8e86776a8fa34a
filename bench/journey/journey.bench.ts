/**
 * npm run bench:journey -- [--data <csv>] [--orders N] [--once] [--port P] [--keep]
 *
 * Replays the Olist orders over HTTP against the default order-service (event-time clock, fresh
 * data directory), with push preferences for every customer, then judges what customers received
 * (the outbox files) and what GET /orders/:id shows. Twice, to check the two runs sent the same
 * messages. Progress on stderr; the last stdout line is one JSON object (docs/JOURNEY.md).
 */
import { join } from 'node:path';
import { readOlistOrders } from '@ot/replay';
import { describeDetails, measureJourney } from './journey.measure';
import { repoRoot } from './order-service.process';
import { parseCommandOptions, wholeNumberOption } from '@ot/config';

const USAGE = 'usage: npm run bench:journey -- [--data <csv>] [--orders N] [--once] [--port P] [--keep]';

async function main(): Promise<void> {
  const values = parseCommandOptions(USAGE, process.argv.slice(2), {
    data: { type: 'string' },
    orders: { type: 'string' },
    once: { type: 'boolean' },
    port: { type: 'string' },
    keep: { type: 'boolean' },
  });
  const data = typeof values.data === 'string' ? values.data : join(repoRoot(), '..', 'shared', 'data', 'olist-orders.csv');
  const limit = wholeNumberOption(USAGE, values, 'orders', 1);
  const port = wholeNumberOption(USAGE, values, 'port', 1, 65534) ?? 3700;
  const once = values.once === true;
  const keep = values.keep === true;
  const orders = readOlistOrders(data, limit);
  process.stderr.write(`bench:journey: ${orders.length} orders from ${data}${once ? ', one run' : ', two runs'}\n`);
  const { result, details } = await measureJourney({ orders, port, entry: 'built', once, keep });
  process.stderr.write(`${describeDetails(details)}\n`);
  console.log(JSON.stringify(result));
}

// exit (and so stop the service child, see order-service.process.ts) on Ctrl-C or kill
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
