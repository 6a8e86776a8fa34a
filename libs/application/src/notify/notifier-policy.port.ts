import type { CustomerPreferences, Instant, OrderEvent, SendNotification } from '@ot/domain';
import type { NotifierOrderContext } from './order-context';
import type { SentRecord } from './notification.store.port';

export type NotifierPolicyInput = Readonly<{
  event: OrderEvent;
  /** The event's identity (its global position): the same event always yields the same notificationIds. */
  eventId: number;
  /** The order as it stood before this event. */
  order: NotifierOrderContext;
  preferences: CustomerPreferences;
  /** The customer's recent notifications, sent or scheduled: caps and de-duplication. */
  sent: readonly SentRecord[];
  /** This order's decided-but-not-yet-due sends: a burst collapses into one. */
  pending: readonly SendNotification[];
  now: Instant;
}>;

/** What to queue, and which queued sends it replaces (collapsed bursts are marked done, never sent). */
export type NotifierDecision = Readonly<{ sends: readonly SendNotification[]; superseded: readonly string[] }>;

/** The pure policy, as the notifier calls it; the domain's decideNotifications + collapse behind it. */
export type NotifierPolicy = (input: NotifierPolicyInput) => NotifierDecision;

/** Templates: a kind and its facts put into words in the customer's language. */
export type NotificationRenderer = (
  send: SendNotification,
  preferences: CustomerPreferences,
) => Readonly<{ title: string; text: string; html?: string }>;
