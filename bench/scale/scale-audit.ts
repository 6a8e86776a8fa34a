import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore } from '@ot/event-store';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { bearer } from '../fixtures/webhooks';
import type { Ack } from './order-traffic';

/** Every acknowledged event at the version the replica promised, and no order holding an event twice. */
export async function auditStore(
  databaseUrl: string,
  acks: readonly Ack[],
): Promise<{ acknowledged: number; missing: number; duplicated: number; stored: number }> {
  const store = await PostgresEventStore.connect({ connectionString: databaseUrl });
  let missing = 0;
  let duplicated = 0;
  let stored = 0;
  try {
    const byOrder = new Map<string, Ack[]>();
    for (const a of acks) byOrder.set(a.orderId, [...(byOrder.get(a.orderId) ?? []), a]);
    for (const [orderId, own] of byOrder) {
      const { events } = await store.readStream(`order-${orderId}`);
      stored += events.length;
      duplicated += events.length - new Set(events.map((e) => e.type)).size;
      missing += own.filter((a) => events[a.streamVersion - 1]?.type !== a.type).length;
    }
  } finally {
    await store.close();
  }
  return { acknowledged: acks.length, missing, duplicated, stored };
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

export type Sent = { notificationId: string; to: string; sender: string };

/** The senders' own record: every line each notifier's push channel wrote to its outbox file. */
export function sentPushes(outboxDirs: readonly string[]): Sent[] {
  return outboxDirs.flatMap((dir) => {
    const file = join(dir, 'push.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ ...(JSON.parse(line) as Sent), sender: dir }));
  });
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

/**
 * Duplicates explained by a SIGKILL between the provider accepting a message and the outbox row
 * being marked sent: exactly two copies, one the very last line the killed notifier wrote (a
 * dispatcher sends one message at a time), the other from a survivor after the lease ran out.
 * Anything else is a duplicate no crash explains.
 */
export function duplicatesByKill(sent: readonly Sent[], killedSender: string): { inFlight: string[]; unexplained: string[] } {
  const byId = new Map<string, Sent[]>();
  for (const s of sent) byId.set(s.notificationId, [...(byId.get(s.notificationId) ?? []), s]);
  const killedTail = new Set(
    sent
      .filter((s) => s.sender === killedSender)
      .slice(-1)
      .map((s) => s.notificationId),
  );
  const inFlight: string[] = [];
  const unexplained: string[] = [];
  for (const [id, copies] of byId) {
    if (copies.length === 1) continue;
    const fromKilled = copies.filter((c) => c.sender === killedSender).length;
    (copies.length === 2 && fromKilled === 1 && killedTail.has(id) ? inFlight : unexplained).push(id);
  }
  return { inFlight, unexplained };
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
