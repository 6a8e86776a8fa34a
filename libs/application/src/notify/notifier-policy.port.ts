import type { CalendarDate, Channel, CustomerPreferences, Instant, OrderEvent, SendNotification, UnsentNotification } from '@ot/domain';
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
  /** The customer's queued digests (all orders): capped news joins one, an ended order leaves them. */
  digests: readonly SendNotification[];
  /** The decision instant: the event's own time (eventTimeOf), not when the bus delivered it. */
  now: Instant;
}>;

/**
 * What to queue, which queued sends it replaces (collapsed or stale: marked done, never sent), every
 * decision not to send (for the notification log), and the date the customer has now been told.
 */
export type NotifierDecision = Readonly<{
  sends: readonly SendNotification[];
  superseded: readonly string[];
  unsent?: readonly UnsentNotification[];
  toldExpected?: CalendarDate;
}>;

/**
 * The pure policy, as the notifier calls it; the domain's decideNotifications + collapse behind it.
 * `ignores`: events it always answers with nothing, whatever the state (the handler then reads nothing for them).
 */
export type NotifierPolicy = ((input: NotifierPolicyInput) => NotifierDecision) & Readonly<{ ignores?: (event: OrderEvent) => boolean }>;

/** Templates: a kind and its facts put into words in the customer's language, in the form of a channel (link: the order page, for push data). */
export type NotificationRenderer = (
  send: SendNotification,
  preferences: CustomerPreferences,
  sentAt: Instant,
  channel: Channel,
) => Readonly<{ title: string; text: string; html?: string; link?: string }>;
