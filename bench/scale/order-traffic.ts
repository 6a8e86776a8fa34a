import { signedHeaders } from '@ot/partners';
import { BENCH_SECRETS, bearer } from '../fixtures/webhooks';

const SECRET = { warehouse: BENCH_SECRETS.WEBHOOK_SECRET_WAREHOUSE, courier: BENCH_SECRETS.WEBHOOK_SECRET_COURIER } as const;

const DAY_MS = 86_400_000;
const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * A day of one order as its partners report it (docs/WEBHOOKS.md). The times lie just behind the
 * wall clock on purpose: the burst is over, so the customer's out-for-delivery push is due at once,
 * and the promise lies ahead, so an ETA worker forecasts the order instead of judging it late.
 */
const dayOf = (orderId: string, customerId: string) =>
  [
    [
      'warehouse',
      'OrderPlaced',
      {
        eventId: `${orderId}-p`,
        event: 'order.placed',
        orderId,
        occurredAt: isoAgo(2 * DAY_MS),
        customerId,
        promisedDate: isoAgo(-7 * DAY_MS).slice(0, 10),
        origin: { zip: '01310-100', city: 'São Paulo', state: 'SP' },
        destination: { zip: '20040-002', city: 'Rio de Janeiro', state: 'RJ' },
        itemCount: 1,
      },
    ],
    ['warehouse', 'HandedToCarrier', { eventId: `${orderId}-h`, event: 'parcel.handed_over', orderId, occurredAt: isoAgo(DAY_MS) }],
    ['courier', 'OutForDelivery', { trackingEventId: `${orderId}-o`, shipmentRef: orderId, status: 'OUT_FOR_DELIVERY', timestamp: isoAgo(3_600_000) }],
  ] as const;

/** What a replica acknowledged with a 2xx: this event is promised to be at streamVersion of order-<orderId>. */
export type Ack = { orderId: string; streamVersion: number; type: string; ackedAt: number };
export type Traffic = { acks: Ack[]; requests: number; failovers: number; ordersDone: number };

/** Customer n of a run; every order of customer n gets its out-for-delivery news as a push. */
export const customerOf = (run: string, order: number, customers: number) => `c-${run}-${order % customers}`;

export async function putPreferences(notifierBase: string, customerIds: readonly string[]): Promise<void> {
  for (const customerId of customerIds) {
    const res = await fetch(`${notifierBase}/customers/${customerId}/preferences`, {
      method: 'PUT',
      headers: { authorization: bearer(customerId), 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en', timeZone: 'UTC', channels: { 'out-for-delivery': ['push'] }, contacts: { deviceTokens: [`tok-${customerId}`] } }),
    });
    if (res.status !== 200) throw new Error(`preferences of ${customerId}: ${res.status} ${await res.text()}`);
  }
}

/**
 * Each order is placed, handed over and sent out for delivery (the partner events of a real day,
 * signed as partners sign them), `concurrency` orders at a time. Requests go round-robin over the
 * replicas; a replica that refuses the connection or fails is skipped and the same webhook goes to
 * the next one, as a balancer's retry would (a redelivered webhook is a duplicate the decider drops).
 */
export async function driveOrders(
  bases: () => readonly string[],
  run: string,
  opts: {
    orders: number;
    customers: number;
    concurrency: number;
    onProgress?: (ordersDone: number) => Promise<void> | void;
    /** Told of every acknowledgement and the replica that gave it. */
    onAck?: (ack: Ack, base: string) => void;
  },
): Promise<Traffic> {
  const traffic: Traffic = { acks: [], requests: 0, failovers: 0, ordersDone: 0 };
  let turn = 0;
  let next = 0;
  const post = async (partner: 'warehouse' | 'courier', body: unknown, orderId: string, type: string) => {
    const raw = JSON.stringify(body);
    for (let attempt = 0; attempt < 40; attempt++) {
      const all = bases();
      const base = all[turn++ % all.length];
      traffic.requests++;
      try {
        const res = await fetch(`${base}/webhooks/${partner}`, {
          method: 'POST',
          body: raw,
          headers: signedHeaders(SECRET[partner], raw),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 202 || res.status === 200) {
          const { streamVersion } = (await res.json()) as { streamVersion: number };
          const ack = { orderId, streamVersion, type, ackedAt: Date.now() };
          traffic.acks.push(ack);
          opts.onAck?.(ack, base);
          return;
        }
        if (res.status < 500) throw new Error(`${partner} webhook for ${orderId}: ${res.status} ${await res.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(`${partner} webhook`)) throw error;
      }
      traffic.failovers++;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no replica acknowledged ${type} of ${orderId}`);
  };
  const worker = async () => {
    while (next < opts.orders) {
      const n = next++;
      const orderId = `${run}-${n}`;
      for (const [partner, type, body] of dayOf(orderId, customerOf(run, n, opts.customers))) await post(partner, body, orderId, type);
      traffic.ordersDone++;
      await opts.onProgress?.(traffic.ordersDone);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return traffic;
}
