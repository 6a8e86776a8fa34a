/**
 * npm run replay -- --data <csv> [--speed N | --as-fast-as-possible] [--url http://127.0.0.1:3000] [--limit N] [--concurrency N] [--batch N]
 *
 * Plays an Olist order file as signed partner webhooks in time order against a running order
 * service. --speed N plays N simulated seconds per wall second (86400: a day per second).
 * --batch N sends up to N events per request to the partners' batch endpoints (at most 500).
 * The service must run its replay clock (event time), or its forecasts use today's date.
 */
import { exitWithUsage, loadConfig, parseCommandOptions, wholeNumberOption } from '@ot/config';
import {
  type OrderStep,
  ProgressLine,
  readOlistOrders,
  runInTimeOrder,
  type SendResult,
  sendWebhook,
  sendWebhookBatch,
  timeline,
  toWebhook,
  type WebhookSecrets,
  webhookBatches,
} from '@ot/replay';

const TIME_ZONE = 'America/Sao_Paulo';

type Args = { data: string; speed?: number; url: string; limit?: number; concurrency: number; batch?: number };
const USAGE = 'usage: npm run replay -- --data <csv> [--speed N | --as-fast-as-possible] [--url URL] [--limit N] [--concurrency N] [--batch N]';

function parseArgs(argv: string[]): Args {
  const values = parseCommandOptions(USAGE, argv, {
    data: { type: 'string' },
    speed: { type: 'string' },
    'as-fast-as-possible': { type: 'boolean' },
    url: { type: 'string' },
    limit: { type: 'string' },
    concurrency: { type: 'string' },
    batch: { type: 'string' },
  });
  const wholeNumber = (name: string, min: number, max?: number) => wholeNumberOption(USAGE, values, name, min, max);
  const data = values.data as string | undefined;
  if (!data) exitWithUsage(USAGE);
  const speed = values['as-fast-as-possible'] ? undefined : Number(values.speed ?? 86_400);
  if (speed !== undefined && !(speed > 0)) exitWithUsage(`--speed must be a positive number\n${USAGE}`);
  const limit = wholeNumber('limit', 1);
  const batch = wholeNumber('batch', 1, 500); // the batch endpoint takes up to 500 events
  const concurrency = wholeNumber('concurrency', 1) ?? 8;
  return { data, speed, url: ((values.url as string | undefined) ?? 'http://127.0.0.1:3000').replace(/\/$/, ''), limit, concurrency, batch };
}

type Step = OrderStep & { orderId: string };

/** One webhook per request; each order's steps in order, `concurrency` requests in flight. */
async function sendOneByOne(args: Args, secrets: WebhookSecrets, steps: Step[], done: (results: SendResult[], at: number) => void): Promise<void> {
  await runInTimeOrder(steps, async (step) => done([await sendWebhook(args.url, secrets, toWebhook(step, TIME_ZONE))], step.at), {
    concurrency: args.concurrency,
    speed: args.speed,
  });
}

/** Up to `batch` events per request; a batch waits for the earlier batches holding its orders. */
async function sendInBatches(args: Args & { batch: number }, secrets: WebhookSecrets, steps: Step[], done: (results: SendResult[], at: number) => void) {
  const batches = webhookBatches(
    steps.map((step) => ({ call: toWebhook(step, TIME_ZONE), at: step.at })),
    args.batch,
  );
  await runInTimeOrder(batches, async (batch) => done(await sendWebhookBatch(args.url, secrets, batch), batch.at), {
    concurrency: args.concurrency,
    speed: args.speed,
  });
}

const cpuSeconds = ({ user, system }: NodeJS.CpuUsage): number => (user + system) / 1e6;

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
  const done = (results: SendResult[], at: number): void => {
    results.forEach(tally);
    sent += results.length;
    progress.update(sent, `orders ${orders.length} sim ${new Date(at).toISOString().slice(0, 10)}`);
  };
  if (args.batch) await sendInBatches({ ...args, batch: args.batch }, secrets, steps, done);
  else await sendOneByOne(args, secrets, steps, done);
  progress.update(sent, `orders ${orders.length}`, true);
  progress.done();
  const summary = {
    orders: orders.length,
    events_sent: sent,
    by_status: Object.fromEntries(byStatus),
    errors: Object.fromEntries(errors),
    elapsed_seconds: Math.round(progress.elapsedSeconds() * 10) / 10,
    client_cpu_s: Math.round(cpuSeconds(process.cpuUsage()) * 10) / 10,
    ...(args.batch ? { batch: args.batch } : {}),
  };
  console.log(JSON.stringify(summary));
  if (byStatus.get('error')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
