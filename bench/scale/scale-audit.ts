import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore } from '@ot/event-store';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { bearer } from '../fixtures/webhooks';
import type { Ack } from './order-traffic';

/**
 * Every acknowledged event at the version the replica promised, and no order holding a partner event
 * twice. What the ETA workers concluded (EtaRevised, DelayPredicted, ...) is counted apart.
 */
export async function auditStore(
  databaseUrl: string,
  acks: readonly Ack[],
): Promise<{ acknowledged: number; missing: number; duplicated: number; stored: number; conclusions: number }> {
  const store = await PostgresEventStore.connect({ connectionString: databaseUrl });
  const partnerTypes = new Set(acks.map((a) => a.type));
  let missing = 0;
  let duplicated = 0;
  let stored = 0;
  let conclusions = 0;
  try {
    const byOrder = new Map<string, Ack[]>();
    for (const a of acks) byOrder.set(a.orderId, [...(byOrder.get(a.orderId) ?? []), a]);
    for (const [orderId, own] of byOrder) {
      const { events } = await store.readStream(`order-${orderId}`);
      const partner = events.filter((e) => partnerTypes.has(e.type));
      stored += partner.length;
      conclusions += events.length - partner.length;
      duplicated += partner.length - new Set(partner.map((e) => e.type)).size;
      missing += own.filter((a) => events[a.streamVersion - 1]?.type !== a.type).length;
    }
  } finally {
    await store.close();
  }
  return { acknowledged: acks.length, missing, duplicated, stored, conclusions };
}

/** GET /orders/:id from every replica; an order reads the same when every body is identical. */
export async function auditReads(bases: readonly string[], orderIds: readonly string[]): Promise<{ orders: number; same: number; differing: string[] }> {
  const headers = { authorization: bearer('ops-scale', 'ops') };
  const differing: string[] = [];
  for (const id of orderIds) {
    const bodies = await Promise.all(bases.map(async (b) => (await fetch(`${b}/orders/${id}`, { headers })).text()));
    if (new Set(bodies).size !== 1 || !bodies[0].includes('OutForDelivery')) differing.push(id);
  }
  return { orders: orderIds.length, same: orderIds.length - differing.length, differing };
}

export type Sent = { notificationId: string; to: string };

/**
 * The provider's own record: every push line in the outbox (`push.jsonl`), or with `repeats`, the
 * sends it refused as repeats of an idempotency key it had already accepted (`push.jsonl.repeats.jsonl`).
 */
export function sentPushes(outboxDir: string, { repeats = false } = {}): Sent[] {
  const file = join(outboxDir, repeats ? 'push.jsonl.repeats.jsonl' : 'push.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sent);
}

/** Orders with no push (lost) and pushes beyond the first per order (duplicates). */
export function auditPushes(sent: readonly Sent[], orderIds: readonly string[]): { expected: number; sent: number; lost: number; duplicates: number } {
  const perOrder = new Map<string, number>();
  for (const s of sent) {
    const orderId = s.notificationId.split(':')[0];
    perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
  }
  const lost = orderIds.filter((id) => !perOrder.has(id)).length;
  const duplicates = [...perOrder.values()].reduce((n, c) => n + c - 1, 0);
  return { expected: orderIds.length, sent: sent.length, lost, duplicates };
}

/** What an ETA worker says it owns and learned (its `eta-split` readiness check), from /health/ready. */
export type EtaSplit = { partitions: number[]; position: number; openOrders: number; forecasting: number; learner: string };

export async function etaSplit(base: string): Promise<EtaSplit> {
  const body = (await (await fetch(`${base}/health/ready`)).json()) as { details?: Record<string, EtaSplit | undefined> };
  const split = body.details?.['eta-split'];
  if (!split) throw new Error(`no eta-split check on ${base}: ${JSON.stringify(body)}`);
  return split;
}

/** Orders whose GET /orders/:id (on `base`) shows no ETA. */
export async function ordersWithoutEta(base: string, orderIds: readonly string[]): Promise<string[]> {
  const headers = { authorization: bearer('ops-scale', 'ops') };
  const missing: string[] = [];
  for (const id of orderIds) {
    const body = (await (await fetch(`${base}/orders/${id}`, { headers })).json()) as { eta?: unknown };
    if (!body.eta) missing.push(id);
  }
  return missing;
}

/** Which member of the notifier group holds which partitions now. */
export async function groupAssignment(
  brokers: string,
  groupId: string,
  topic: string,
): Promise<{ clientHost: string; memberId: string; partitions: number[] }[]> {
  const admin = new Kafka({ clientId: 'scale-audit', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0].members.map((m) => ({
      clientHost: m.clientHost,
      memberId: m.memberId,
      partitions: [...(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic] ?? [])].sort((a, b) => a - b),
    }));
  } finally {
    await admin.disconnect();
  }
}

/** Messages of the group's topic not yet committed by the group (sum over partitions). */
export async function consumerLag(brokers: string, groupId: string, topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'scale-lag', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const at = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((lag, p) => lag + Math.max(0, Number(p.high) - Math.max(0, at.get(p.partition) ?? 0)), 0);
  } finally {
    await admin.disconnect();
  }
}
