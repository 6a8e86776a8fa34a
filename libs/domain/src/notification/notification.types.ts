import type { CalendarDate, Instant } from '../shared/event';

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
}>;

/** One rendered message for one channel and one recipient. */
export type Outgoing = Readonly<{
  notificationId: string;
  channel: Channel;
  /** Device token, E.164 phone number or email address. */
  to: string;
  title: string;
  text: string;
  html?: string;
  data?: Readonly<Record<string, string>>;
}>;
