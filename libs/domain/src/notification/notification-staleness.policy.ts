import type { Instant } from '../shared/event';
import { TERMINAL, type Milestone } from '../order/milestone';
import { MILESTONE_OF, type OrderEvent } from '../order/order.events';
import { FINAL_KINDS } from './notification-collapse.policy';
import type { NotificationFacts, NotificationKind, SendNotification } from './notification.types';
import { localDayOf } from './zoned-time.calendar';
import { OUTLIVES_DELIVERY } from './aftercare.kinds';
import { STORAGE_REMINDER_KINDS } from './storage-deadline.policy';

/**
 * Queued news that a later event made wrong, so it must not go out when it is released (quiet hours,
 * collapse window, a storage reminder days ahead): once the order is delivered, collected, returned or
 * canceled, every queued message about its journey (a delay, a new date, "shipped", a pickup reminder)
 * is stale; a new pickup-point arrival replaces the reminder for the old deadline. Only sends not yet
 * due (notBefore > now) are touched: a due one is being sent.
 */
export function staleOnEvent(pending: readonly SendNotification[], event: OrderEvent, now: Instant): SendNotification[] {
  const milestone = (MILESTONE_OF as Partial<Record<string, Milestone>>)[event.type];
  if (milestone && TERMINAL.has(milestone)) return queuedAt(pending, event, now).filter((p) => overtakenByEnd(p.kind, milestone));
  if (MOVES_STORAGE_DEADLINE.has(event.type)) return queuedAt(pending, event, now).filter((p) => STORAGE_REMINDER_KINDS.has(p.kind));
  return [];
}

/**
 * Whether news of this kind is wrong once the order stands at `status`: when it has ended (delivered, collected,
 * returned, canceled), everything about its journey is; the end itself and what outlives it (aftercare) are not.
 * Asked when the end arrives (queued sends) and when ops re-drive a dead letter.
 */
export function overtakenByEnd(kind: NotificationKind, status: Milestone | undefined): boolean {
  return status !== undefined && TERMINAL.has(status) && kind !== 'digest' && !FINAL_KINDS.has(kind) && !OUTLIVES_DELIVERY.has(kind);
}

/** The order's sends not yet due at `now`: only they can go stale (read only for events that make any stale). */
function queuedAt(pending: readonly SendNotification[], event: OrderEvent, now: Instant): SendNotification[] {
  const nowMs = Date.parse(now);
  return pending.filter((p) => p.orderId === event.data.orderId && Date.parse(p.notBefore) > nowMs);
}

/** A new arrival or an extension replaces the reminders of the old deadline; an expiry ends them. */
const MOVES_STORAGE_DEADLINE: ReadonlySet<string> = new Set(['ArrivedAtPickupPoint', 'StorageExtended', 'StorageExpired']);

/** News whose point is a new delivery day. */
const NEW_DATE_KINDS: ReadonlySet<NotificationKind> = new Set(['delay-predicted', 'delay-cleared', 'eta-changed']);

/**
 * Why date news would be wrong at `at` for a customer in `timeZone`: it names a delivery day already past
 * there. Checked when the news is decided and again when it is released (held by quiet hours overnight).
 */
export function namesPastDay(news: Readonly<{ kind: NotificationKind; facts: NotificationFacts }>, at: Instant, timeZone: string): string | undefined {
  const day = news.facts.newExpected;
  if (!NEW_DATE_KINDS.has(news.kind) || !day) return undefined;
  return day < localDayOf(Date.parse(at), timeZone) ? `names ${day}, a day already past` : undefined;
}
