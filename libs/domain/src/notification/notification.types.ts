import type { Voucher } from '../order/compensation.policy';
import type { CalendarDate, Instant } from '../shared/event';
import { AFTERCARE_KINDS } from './aftercare.kinds';

export const CHANNELS = ['push', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_KINDS = [
  'shipped',
  'out-for-delivery',
  'delivery-attempt-failed',
  'at-pickup-point',
  'storage-deadline-approaching',
  'delivered',
  'canceled',
  'returned',
  'delay-predicted',
  'promise-broken',
  'delay-cleared',
  'eta-changed',
  'digest',
  ...AFTERCARE_KINDS,
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Language = 'en' | 'ru';

export type CustomerPreferences = Readonly<{
  customerId: string;
  language: Language;
  /** IANA zone, e.g. Europe/Moscow: quiet hours are read in it. */
  timeZone: string;
  /** Local "HH:MM" bounds; may wrap midnight (22:00..08:00). */
  quietHours?: Readonly<{ start: string; end: string }>;
  /** Per kind, the channels to use in order of preference: the first that works is used (fallback). */
  channels: Readonly<Partial<Record<NotificationKind, readonly Channel[]>>>;
  contacts: Readonly<{ deviceTokens: readonly string[]; phone?: string; email?: string }>;
}>;

/** What the message says, before it is put into words in a language. */
export type NotificationFacts = Readonly<{
  orderId: string;
  status?: string;
  reason?: string;
  newExpected?: CalendarDate;
  /** The expected date before an ETA revision (eta-changed says "from ... to ..."). */
  previousExpected?: CalendarDate;
  promisedBy?: CalendarDate;
  pickupPoint?: Readonly<{ address: string; storageDeadline: Instant }>;
  location?: string;
  /** Aftercare: the voucher granted, the refund issued, how the parcel goes back. */
  voucher?: Voucher;
  refund?: Readonly<{ amount: number; currency: string; method: string }>;
  returnMethod?: string;
  /** A digest's news, one line per order (the latest news of each order). */
  digest?: readonly DigestItem[];
}>;

/** One order's news inside a digest. */
export type DigestItem = Readonly<{ orderId: string; kind: NotificationKind; facts: NotificationFacts }>;

/**
 * Why a decided notification does not go out (or not yet): every such decision is recorded in the
 * order's notification log, so support can answer "why was I not told?".
 */
export type UnsentReason = 'opted-out' | 'no-contact' | 'capped' | 'digested' | 'superseded' | 'stale' | 'no-date-told' | 'held-quiet-hours' | 'duplicate';

export type UnsentNotification = Readonly<{
  notificationId: string;
  orderId: string;
  kind: NotificationKind;
  reason: UnsentReason;
  detail?: string;
}>;

/** The notifier policy's decision: send this, through these channels in order, not before then. */
export type SendNotification = Readonly<{
  /** Deterministic (derived from the event and kind), so redelivery never sends twice. */
  notificationId: string;
  orderId: string;
  customerId: string;
  kind: NotificationKind;
  urgent: boolean;
  channels: readonly Channel[];
  notBefore: Instant;
  facts: NotificationFacts;
  /** Set when the customer's quiet hours hold it: when it would be due without them (a change of them releases it). */
  heldFrom?: Instant;
}>;

/** One rendered message for one channel and one recipient. */
export type Outgoing = Readonly<{
  notificationId: string;
  orderId: string;
  /** A digest names every order it carries news of. */
  orderIds?: readonly string[];
  kind: NotificationKind;
  /** When it was sent, on the system's Clock: the instant it became due. */
  sentAt: Instant;
  channel: Channel;
  /** Device token, E.164 phone number or email address. */
  to: string;
  title: string;
  text: string;
  html?: string;
  /** Machine-readable facts for the app (FCM data must be strings): orderId, kind, ISO dates expected/by/promised. */
  data?: Readonly<Record<string, string>>;
}>;
