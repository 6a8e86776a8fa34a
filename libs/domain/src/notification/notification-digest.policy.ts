import type { Instant } from '../shared/event';
import type { SentNotification } from './frequency-cap.policy';
import { channelsFor } from './channel-choice.policy';
import type { CustomerPreferences, DigestItem, SendNotification } from './notification.types';
import { quietHoursEnd } from './quiet-hours.policy';

/** Capped news waits for the next digest slot: at most one digest per customer every 3 hours. */
export const DIGEST_INTERVAL_MS = 3 * 3_600_000;

/**
 * Informational news over a cap (a customer with many orders) is not dropped: it joins the customer's
 * next digest, one message naming several orders. The digest's id is the customer and its slot, so
 * every capped message decided before the slot lands in the same digest (merged here with the one
 * already queued; the outbox keeps the latest version), and a replay builds the same digests. A slot
 * already sent moves to the next one.
 */
export function toDigest(
  send: SendNotification,
  preferences: CustomerPreferences,
  sent: readonly SentNotification[],
  now: Instant,
  queued: readonly SendNotification[] = [],
): SendNotification {
  let slot = nextSlot(Date.parse(now), preferences);
  while (sent.some((s) => s.notificationId === digestIdOf(send.customerId, slot) && Date.parse(s.at) <= Date.parse(now))) {
    slot = nextSlot(Date.parse(slot), preferences);
  }
  const item: DigestItem = { orderId: send.orderId, kind: send.kind, facts: send.facts };
  const digest: SendNotification = {
    notificationId: digestIdOf(send.customerId, slot),
    orderId: send.orderId,
    customerId: send.customerId,
    kind: 'digest',
    urgent: false,
    // The customer's digest channels when chosen, else those of the news it carries.
    channels: channelsFor('digest', preferences).length ? channelsFor('digest', preferences) : send.channels,
    notBefore: slot,
    facts: { orderId: send.orderId, digest: [item] },
  };
  const already = queued.find((d) => d.notificationId === digest.notificationId);
  return already ? mergeDigest(already, digest) : digest;
}

/**
 * A queued digest without the news of an order that has since reached its end (delivered, returned...):
 * "on its way" must not arrive after "delivered". Only digests not yet due are touched. An emptied
 * digest stays queued with no items and is dropped on release.
 */
export function withdrawFromDigests(
  queued: readonly SendNotification[],
  orderId: string,
  now: Instant,
): { digests: SendNotification[]; withdrawn: { digestId: string; item: DigestItem }[] } {
  const digests: SendNotification[] = [];
  const withdrawn: { digestId: string; item: DigestItem }[] = [];
  for (const d of queued) {
    const items = d.facts.digest ?? [];
    if (Date.parse(d.notBefore) <= Date.parse(now) || !items.some((i) => i.orderId === orderId)) continue;
    items.filter((i) => i.orderId === orderId).forEach((item) => withdrawn.push({ digestId: d.notificationId, item }));
    digests.push({ ...d, facts: { ...d.facts, digest: items.filter((i) => i.orderId !== orderId) } });
  }
  return { digests, withdrawn };
}

/** The digest queued so far plus one more capped message: each order keeps its latest news, in order of arrival. */
export function mergeDigest(queued: SendNotification, incoming: SendNotification): SendNotification {
  const items = [...(queued.facts.digest ?? [])];
  for (const item of incoming.facts.digest ?? []) {
    const at = items.findIndex((i) => i.orderId === item.orderId);
    if (at >= 0) items[at] = item;
    else items.push(item);
  }
  return { ...queued, facts: { ...queued.facts, digest: items } };
}

/** The orders a send is about: a digest's, or its own. */
export function orderIdsOf(send: Pick<SendNotification, 'orderId' | 'kind' | 'facts'>): string[] {
  return send.kind === 'digest' ? [...new Set((send.facts.digest ?? []).map((i) => i.orderId))] : [send.orderId];
}

function digestIdOf(customerId: string, slot: Instant): string {
  return `digest:${customerId}:${slot}`;
}

function nextSlot(afterMs: number, preferences: CustomerPreferences): Instant {
  const slot = new Date((Math.floor(afterMs / DIGEST_INTERVAL_MS) + 1) * DIGEST_INTERVAL_MS).toISOString();
  return quietHoursEnd(slot, preferences.timeZone, preferences.quietHours) ?? slot;
}
