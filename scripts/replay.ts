/**
 * npm run replay -- --data <csv> [--speed N | --as-fast-as-possible] [--url http://127.0.0.1:3000] [--limit N] [--concurrency N]
 *
 * Plays an Olist order file as signed partner webhooks in time order against a running order
 * service. --speed N plays N simulated seconds per wall second (86400: a day per second).
 * The service must run its replay clock (event time), or its forecasts use today's date.
 */
import { loadConfig } from '@ot/config';
import { ProgressLine, readOlistOrders, runInTimeOrder, type SendResult, sendWebhook, timeline, toWebhook } from '@ot/replay';

const TIME_ZONE = 'America/Sao_Paulo';

function parseArgs(argv: string[]): { data: string; speed?: number; url: string; limit?: number; concurrency: number } {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const data = value('data');
  if (!data) throw new Error('usage: npm run replay -- --data <csv> [--speed N | --as-fast-as-possible] [--url URL] [--limit N] [--concurrency N]');
  const speed = argv.includes('--as-fast-as-possible') ? undefined : Number(value('speed') ?? 86_400);
  if (speed !== undefined && !(speed > 0)) throw new Error('--speed must be a positive number');
  const limit = value('limit') !== undefined ? Number(value('limit')) : undefined;
  return { data, speed, url: (value('url') ?? 'http://127.0.0.1:3000').replace(/\/$/, ''), limit, concurrency: Number(value('concurrency') ?? 8) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env); // signs with the secrets the service verifies
  const secrets = { warehouse: config.WEBHOOK_SECRET_WAREHOUSE, courier: config.WEBHOOK_SECRET_COURIER };
  const orders = readOlistOrders(args.data, args.limit);
  const steps = timeline(orders, TIME_ZONE).map((s) => ({ ...s, orderId: s.order.orderId }));
  const byStatus = new Map<string, number>();
  const errors = new Map<string, number>();
  const progress = new ProgressLine('replay', steps.length);
  let sent = 0;
  const tally = (r: SendResult): void => {
    const key = String(r.status);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    if (r.status === 'error') errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
  };
  await runInTimeOrder(
    steps,
    async (step) => {
      tally(await sendWebhook(args.url, secrets, toWebhook(step, TIME_ZONE)));
      sent++;
      progress.update(sent, `orders ${orders.length} sim ${new Date(step.at).toISOString().slice(0, 10)}`);
    },
    { concurrency: args.concurrency, speed: args.speed && args.speed },
  );
  progress.update(sent, `orders ${orders.length}`, true);
  progress.done();
  const summary = {
    orders: orders.length,
    events_sent: sent,
    by_status: Object.fromEntries(byStatus),
    errors: Object.fromEntries(errors),
    elapsed_seconds: Math.round(progress.elapsedSeconds() * 10) / 10,
  };
  console.log(JSON.stringify(summary));
  if (byStatus.get('error')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
