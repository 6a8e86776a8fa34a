import type { Instant } from '../shared/event';
import type { NotificationKind, SendNotification } from './notification.types';

/** Status news, where only the latest state matters. Delay and ETA news are not collapsed: each carries a date or an apology the customer should see. */
export const COLLAPSIBLE_KINDS: ReadonlySet<NotificationKind> = new Set([
  'shipped',
  'out-for-delivery',
  'delivery-attempt-failed',
  'at-pickup-point',
  'delivered',
  'canceled',
  'returned',
]);

/** The end of the journey: no later status can collapse into it, and it stays true whatever follows. */
export const FINAL_KINDS: ReadonlySet<NotificationKind> = new Set(['delivered', 'canceled', 'returned']);

/** How long the policy holds non-urgent status news so that a burst can collapse into one message. */
export const DEFAULT_COLLAPSE_WINDOW_MS = 2 * 60_000;

export type CollapseResult = Readonly<{
  /** The one message to queue instead of `incoming` (it is `incoming` when nothing collapsed; none when they cancel out). */
  send: SendNotification | undefined;
  /** Pending notifications it replaces: drop them from the queue and mark their ids done, never send them. */
  superseded: readonly string[];
}>;

/**
 * Collapsing a burst of status notifications for one order.
 *
 * The notifier keeps decided-but-unsent notifications in a queue until their notBefore. The policy
 * sets notBefore of non-urgent status news to at least now + collapse window, so a burst (shipped,
 * then at-pickup-point two minutes later) is still queued when the next status arrives. Call
 * `collapse(pendingForThisOrder, incoming, now)` before queueing `incoming`:
 * - only collapsible kinds collapse, only with pending ones of the same order that are not yet due
 *   (notBefore > now; anything due is being sent and is left alone);
 * - the result says the latest state: incoming's id, kind, facts and channels (the event stream is in
 *   order and the policy already dropped late scans, so incoming is the newest state);
 * - it is urgent if any of them is, and then goes at the earliest notBefore; otherwise at incoming's
 *   notBefore, i.e. one collapse window after the last status of the burst (or when quiet hours end).
 *   An order has a handful of statuses, so holding on each new one cannot starve the message.
 */
export function collapse(pending: readonly SendNotification[], incoming: SendNotification, now: Instant): CollapseResult {
  if (DATE_KINDS.has(incoming.kind)) return collapseDates(pending, incoming, now);
  if (!COLLAPSIBLE_KINDS.has(incoming.kind)) return { send: incoming, superseded: [] };
  const nowMs = Date.parse(now);
  const absorbed = pending.filter(
    (p) => p.orderId === incoming.orderId && p.notificationId !== incoming.notificationId && COLLAPSIBLE_KINDS.has(p.kind) && Date.parse(p.notBefore) > nowMs,
  );
  if (!absorbed.length) return { send: incoming, superseded: [] };
  return { send: mergeInto(incoming, absorbed), superseded: absorbed.map((p) => p.notificationId) };
}

/** The pure merge behind collapse: latest state from `latest`, urgency and timing from the whole burst. */
export function mergeInto(latest: SendNotification, older: readonly SendNotification[]): SendNotification {
  const urgent = latest.urgent || older.some((p) => p.urgent);
  if (!urgent) return latest;
  const earliest = [latest, ...older].map((p) => Date.parse(p.notBefore)).reduce((a, b) => Math.min(a, b));
  return { ...latest, urgent, notBefore: new Date(earliest).toISOString() };
}

/** News whose point is a date: a newer one replaces a queued older one, so the customer hears one date. */
const DATE_KINDS: ReadonlySet<NotificationKind> = new Set(['delay-predicted', 'delay-cleared', 'eta-changed']);

/**
 * A new date while older news is still queued for the same order: the customer gets one message with
 * the latest date, never two that contradict each other minutes apart.
 * - a queued "shipped" takes the new date ("on its way, expected on ...") instead of a "date changed" after it,
 *   but gives way to a delay warning, which says what matters more (late, why, when);
 * - a queued delay keeps its apology and reason and takes the new date;
 * - a delay cleared before its warning went out cancels both (the customer never heard of the delay);
 * - otherwise the newer date news replaces the older.
 */
function collapseDates(pending: readonly SendNotification[], incoming: SendNotification, now: Instant): CollapseResult {
  const nowMs = Date.parse(now);
  const queued = pending.filter((p) => p.orderId === incoming.orderId && p.notificationId !== incoming.notificationId && Date.parse(p.notBefore) > nowMs);
  const older = queued.filter((p) => DATE_KINDS.has(p.kind));
  const shipped = queued.find((p) => p.kind === 'shipped');
  const newExpected = incoming.facts.newExpected;
  const superseded = [...older, ...(shipped ? [shipped] : [])].map((p) => p.notificationId);
  if (shipped && incoming.kind !== 'delay-predicted')
    return { send: { ...shipped, notificationId: incoming.notificationId, facts: { ...shipped.facts, newExpected } }, superseded };
  const delay = older.find((p) => p.kind === 'delay-predicted');
  if (!delay || incoming.kind === 'delay-predicted') return { send: incoming, superseded }; // a newer warning carries its own reason
  if (incoming.kind === 'delay-cleared') return { send: undefined, superseded };
  return { send: { ...delay, notificationId: incoming.notificationId, facts: { ...delay.facts, newExpected } }, superseded };
}
