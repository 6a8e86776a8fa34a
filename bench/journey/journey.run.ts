import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_KINDS } from '@ot/domain';
import { DEV_SECRETS } from '@ot/config';
import { type OlistOrder, type OrderStep, ProgressLine, runInTimeOrder, sendWebhook, timeline, toWebhook } from '@ot/replay';
import { journeyOrders } from './journey-orders';
import type { JourneyOrder } from './journey.metrics';
import { type RunningService, type ServiceEntry, startOrderService } from './order-service.process';
import type { OrderViewBody } from './view-coherence.check';

/** Olist times are São Paulo wall time; the customers get preferences in that zone and are judged in its days. */
export const JOURNEY_TIME_ZONE = 'America/Sao_Paulo';

export type JourneyRunOptions = Readonly<{
  orders: readonly OlistOrder[];
  dir: string;
  port: number;
  entry: ServiceEntry;
  /** The outbox must stay unchanged this long (wall ms) before the run counts as drained. */
  quietMs: number;
  drainTimeoutMs: number;
  label: string;
}>;

/** What one replay left behind: the raw outbox lines, the views, and what the service accepted. */
export type JourneyRun = Readonly<{
  lines: string[];
  views: Map<string, OrderViewBody>;
  orders: JourneyOrder[];
  /** The service's clock at the end: the latest event time it accepted. */
  now: number;
  webhooks: Record<string, number>;
  drained: boolean;
}>;

const say = (line: string): boolean => process.stderr.write(`${line}\n`);

/** At most `concurrency` calls in flight, results in input order. */
async function inPool<T, R>(items: readonly T[], concurrency: number, call: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await call(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Every kind by push to one device: what a customer who wants to hear everything would set. */
function pushPreferences(customerId: string): Record<string, unknown> {
  return {
    language: 'en',
    timeZone: JOURNEY_TIME_ZONE,
    channels: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, ['push']])),
    contacts: { deviceTokens: [`journey-device-${customerId}`] },
  };
}

async function givePreferences(service: RunningService, orders: readonly OlistOrder[]): Promise<void> {
  const customers = [...new Set(orders.map((o) => o.customerId))];
  const failures = (
    await inPool(customers, 8, async (customerId) => {
      const res = await fetch(`${service.notifierBase}/customers/${encodeURIComponent(customerId)}/preferences`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.opsToken}` },
        body: JSON.stringify(pushPreferences(customerId)),
      });
      return res.status === 200 ? undefined : `${customerId}: ${res.status} ${await res.text()}`;
    })
  ).filter((f): f is string => f !== undefined);
  if (failures.length) throw new Error(`${failures.length} of ${customers.length} preference PUTs failed, e.g. ${failures[0]}`);
}

/** One call at a time in time order, so the event-time clock moves the same way on every run. */
async function replay(service: RunningService, steps: readonly OrderStep[], label: string): Promise<Map<OrderStep, number | 'error'>> {
  const secrets = { warehouse: DEV_SECRETS.WEBHOOK_SECRET_WAREHOUSE, courier: DEV_SECRETS.WEBHOOK_SECRET_COURIER };
  const results = new Map<OrderStep, number | 'error'>();
  const progress = new ProgressLine(`${label} replay`, steps.length);
  await runInTimeOrder(
    steps.map((step) => ({ step, orderId: step.order.orderId, at: step.at })),
    async ({ step }) => {
      results.set(step, (await sendWebhook(service.base, secrets, toWebhook(step, JOURNEY_TIME_ZONE))).status);
      progress.update(results.size, `sim ${new Date(step.at).toISOString().slice(0, 10)}`);
    },
    { concurrency: 1 },
  );
  progress.update(results.size, 'done', true);
  progress.done();
  return results;
}

const outboxDir = (dir: string): string => join(dir, 'data', 'outbox');
const outboxFiles = (dir: string): string[] =>
  existsSync(outboxDir(dir))
    ? readdirSync(outboxDir(dir))
        .filter((f) => /^[a-z]+\.jsonl$/.test(f)) // <channel>.jsonl: not the repeats it refused, not its key directory
        .sort()
        .map((f) => join(outboxDir(dir), f))
    : [];
const outboxBytes = (dir: string): number => outboxFiles(dir).reduce((sum, f) => sum + statSync(f).size, 0);
const readOutbox = (dir: string): string[] =>
  outboxFiles(dir).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );

/** The view as served, or undefined when there is none; the status route's rate limit (per token) is waited out. */
async function readView(service: RunningService, orderId: string): Promise<OrderViewBody | undefined> {
  for (;;) {
    const res = await fetch(`${service.base}/orders/${encodeURIComponent(orderId)}`, { headers: { authorization: `Bearer ${service.opsToken}` } });
    if (res.status === 200) return (await res.json()) as OrderViewBody;
    await res.arrayBuffer();
    if (res.status !== 429) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 1000 * Math.max(0.1, Number(res.headers.get('retry-after')) || 1)));
  }
}

/**
 * Waits until the service has nothing left to do: the view of the last replayed order shows its
 * last event (the status projection has read everything), /health/ready does not answer 503
 * (where the service has it), and the outbox files have not grown for quietMs. Bounded by timeoutMs.
 */
async function drain(service: RunningService, dir: string, last: OrderStep | undefined, quietMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let bytes = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const now = outboxBytes(dir);
    if (now !== bytes) [bytes, quietSince] = [now, Date.now()];
    const view = last && (await readView(service, last.order.orderId));
    const caughtUp = !last || Boolean(view?.timeline?.some((t) => Date.parse(t.occurredAt) === last.at));
    // 503 is "not ready" (projections behind, dispatcher stuck); a service without the route answers 404
    const health = await fetch(`${service.base}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (caughtUp && health !== 503 && health !== 0 && Date.now() - quietSince >= quietMs) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Replays `orders` once against a fresh default service in `dir` and collects what customers got. */
export async function runJourneyOnce(options: JourneyRunOptions): Promise<JourneyRun> {
  const { orders, dir, port, entry, label } = options;
  say(`${label}: starting the order service in ${dir} on port ${port}`);
  const service = await startOrderService(dir, port, entry);
  try {
    say(`${label}: notifier routes on ${service.notifierBase}; preferences for ${orders.length} customers`);
    await givePreferences(service, orders);
    const steps = timeline(orders, JOURNEY_TIME_ZONE);
    const results = await replay(service, steps, label);
    const accepted = steps.filter((s) => {
      const status = results.get(s);
      return typeof status === 'number' && status < 300;
    });
    const drained = await drain(service, dir, accepted.at(-1), options.quietMs, options.drainTimeoutMs);
    say(`${label}: ${drained ? 'drained' : `NOT drained after ${options.drainTimeoutMs / 1000} s`}; reading the outbox and ${orders.length} views`);
    const placed = [...new Set(accepted.filter((s) => s.kind === 'placed').map((s) => s.order.orderId))];
    const views = new Map<string, OrderViewBody>();
    (await inPool(placed, 8, (id) => readView(service, id))).forEach((v, i) => v && views.set(placed[i], v));
    const webhooks: Record<string, number> = {};
    for (const status of results.values()) webhooks[status] = (webhooks[status] ?? 0) + 1;
    return { lines: readOutbox(dir), views, orders: journeyOrders(accepted), now: accepted.at(-1)?.at ?? 0, webhooks, drained };
  } finally {
    await service.stop();
  }
}
