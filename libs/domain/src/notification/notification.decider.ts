import type { CalendarDate } from '../shared/event';
import { TERMINAL, type Milestone } from '../order/milestone';
import { MILESTONE_OF, type OrderEvent, type PickupPoint } from '../order/order.events';
import { collapse } from './notification-collapse.policy';
import { withdrawFromDigests } from './notification-digest.policy';
import { decideNotificationOutcome, noteOf, type NotificationPolicyInput } from './notification.policy';
import { staleOnEvent } from './notification-staleness.policy';
import { scheduleStorageReminder } from './storage-deadline.policy';
import type { SendNotification, UnsentNotification } from './notification.types';
import { isSilentEvent } from './notification.triggers';

export type OrderNotificationInput = NotificationPolicyInput &
  Readonly<{
    /** This order's decided-but-not-yet-sent notifications. */
    pending: readonly SendNotification[];
  }>;

export type OrderNotificationDecision = Readonly<{
  sends: readonly SendNotification[];
  /** Queued sends replaced or made stale: never sent. */
  superseded: readonly string[];
  /** Every decision not to send (or not yet), with why: the order's notification log shows them. */
  unsent: readonly UnsentNotification[];
  /** The delivery date the customer has now been told (at the decision instant), when these sends tell one. */
  toldExpected?: CalendarDate;
}>;

/**
 * The whole decision for one order event: drop queued news the event made stale, decide the event's
 * own message (and, on arrival at a pickup point, the storage reminder), then fold each into what is
 * still queued for the order (collapse).
 */
export function decideOrderNotifications(input: OrderNotificationInput): OrderNotificationDecision {
  if (isSilentEvent(input.event)) return NOTHING_DECIDED;
  const ended = TERMINAL.has((MILESTONE_OF as Partial<Record<string, Milestone>>)[input.event.type] as Milestone);
  if (!ended) return decideWith(input); // nothing withdrawn from the digests
  const withdrawal = withdrawFromDigests(input.digests ?? [], input.event.data.orderId, input.now);
  const digests = [...(input.digests ?? []).filter((d) => !withdrawal.digests.some((w) => w.notificationId === d.notificationId)), ...withdrawal.digests];
  const decided = decideWith({ ...input, digests });
  const withdrawnNotes = withdrawal.withdrawn.map(({ digestId, item }) =>
    noteOf({ notificationId: digestId, orderId: item.orderId, kind: item.kind }, 'stale', `withdrawn from the digest: made stale by ${input.event.type}`),
  );
  // A digest the event's own news also joined is already the withdrawn one, merged.
  const untouched = withdrawal.digests.filter((w) => !decided.sends.some((s) => s.notificationId === w.notificationId));
  return { ...decided, sends: [...untouched, ...decided.sends], unsent: [...withdrawnNotes, ...decided.unsent] };
}

const NOTHING_DECIDED: OrderNotificationDecision = { sends: [], superseded: [], unsent: [] };

function decideWith(input: OrderNotificationInput): OrderNotificationDecision {
  const stale = staleOnEvent(input.pending, input.event, input.now);
  const staleIds = new Set(stale.map((s) => s.notificationId));
  let live = stale.length ? input.pending.filter((p) => !staleIds.has(p.notificationId)) : input.pending.slice();
  const own = decideNotificationOutcome(input);
  const pickupPoint = newStorageDeadline(input.event);
  const reminder = pickupPoint ? scheduleStorageReminder({ ...input, pickupPoint }) : { sends: [], unsent: [] };

  const sends: SendNotification[] = [];
  const superseded: string[] = [...staleIds];
  const unsent: UnsentNotification[] = [...stale.map((s) => noteOf(s, 'stale', `made stale by ${input.event.type}`)), ...own.unsent, ...reminder.unsent];
  for (const incoming of [...own.sends, ...reminder.sends]) {
    if (incoming.kind === 'digest') {
      sends.push(incoming);
      continue;
    }
    const result = collapse(live, incoming, input.now);
    const gone = new Set(result.superseded);
    for (const p of live.filter((p) => gone.has(p.notificationId)))
      unsent.push(noteOf(p, 'superseded', `replaced by ${result.send?.notificationId ?? `${incoming.notificationId} (cancels out)`}`));
    if (!result.send) unsent.push(noteOf(incoming, 'superseded', 'cancels out a delay warning not yet sent'));
    live = live.filter((p) => !gone.has(p.notificationId));
    superseded.push(...result.superseded);
    if (result.send) {
      sends.push(result.send);
      live.push(result.send);
    }
  }
  const toldExpected = lastDateTold(sends);
  return toldExpected ? { sends, superseded, unsent, toldExpected } : { sends, superseded, unsent };
}

/** The date the last send telling one tells (the customer reads them in this order). */
function lastDateTold(sends: readonly SendNotification[]): CalendarDate | undefined {
  for (let i = sends.length - 1; i >= 0; i--) {
    const told = dateToldBy(sends[i]!);
    if (told) return told;
  }
  return undefined;
}

/** The pickup point whose (new) deadline the event sets: reminders are scheduled for it. */
function newStorageDeadline(event: OrderEvent): PickupPoint | undefined {
  if (event.type === 'ArrivedAtPickupPoint' || event.type === 'StorageExtended') return event.data.pickupPoint;
  return undefined;
}

/** The delivery date a message tells the customer, if it tells one. */
export function dateToldBy(send: SendNotification): CalendarDate | undefined {
  if (send.kind === 'digest')
    return send.facts.digest
      ?.filter((i) => i.orderId === send.orderId)
      .map((i) => i.facts.newExpected ?? i.facts.promisedBy)
      .pop();
  if (send.kind === 'shipped') return send.facts.newExpected ?? send.facts.promisedBy;
  if (send.kind === 'delay-predicted' || send.kind === 'delay-cleared' || send.kind === 'eta-changed' || send.kind === 'promise-broken') {
    return send.facts.newExpected;
  }
  return undefined;
}
