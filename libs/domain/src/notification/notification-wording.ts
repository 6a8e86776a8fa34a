import type { NotificationKind } from './notification.types';

/** The facts of a notification already put into the customer's language (dates formatted, reason in words). */
export type Wording = Readonly<{
  orderId: string;
  reason?: string;
  /** What the customer can do about the delay (lost parcel, address problem), when there is something. */
  advice?: string;
  note?: string;
  newExpected?: string;
  previousExpected?: string;
  promisedBy?: string;
  address?: string;
  storageDeadline?: string;
  /** Aftercare (aftercare.wording.ts): the voucher, the refund with its method, why a return was refused. */
  voucher?: string;
  refund?: string;
  refusal?: string;
  /** A digest: one line per order, already in words. */
  lines?: readonly string[];
}>;

/** A message before markup: a title and paragraphs. */
export type MessageDraft = Readonly<{ title: string; paragraphs: readonly string[] }>;

/** One language: a sentence builder per kind and the words for each delay cause. */
export type Phrasebook = Readonly<{
  locale: string;
  messages: Readonly<Record<NotificationKind, (w: Wording) => MessageDraft>>;
  /** Keyed by DelayReason and PredictedDelayCause; `other` covers anything unknown. */
  delayReasons: Readonly<Record<string, string>> & { other: string };
  /** Keyed by DelayReason: what to do when the customer can help (contact support, confirm the address). */
  delayAdvice: Readonly<Record<string, string>>;
}>;

/** A paragraph only when its fact is known: templates stay readable when a fact is missing. */
export const when = (value: string | undefined, sentence: (v: string) => string): string[] => (value ? [sentence(value)] : []);
