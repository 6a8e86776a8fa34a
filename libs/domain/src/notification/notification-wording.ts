import type { Milestone } from '../order/milestone';
import type { NotificationKind } from './notification.types';
import type { CustomerActionType } from '../order/customer-action.events';

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

/** A noun in each plural category the language uses (Intl.PluralRules): en one/other, ru one/few/many. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/** The facts of an order summary, already in words. */
export type SummaryWording = Readonly<{
  orderId: string;
  /** Where the parcel was last seen ("Sao Paulo, SP"). */
  place?: string;
  /** The day of the current status (delivered on, picked up on). */
  day?: string;
  address?: string;
  storageDeadline?: string;
  note?: string;
}>;

/** The one-paragraph answer to "where is my order?" (GET /orders/:id/summary), sentence by sentence. */
export type SummaryPhrases = Readonly<{
  where: Readonly<Record<Milestone, (w: SummaryWording) => string>>;
  /** The ETA window: its days formatted alone and as one range ("3–5 декабря"); one day when earliest is latest. */
  window: (days: Readonly<{ earliest: string; latest: string; range: string; oneDay: boolean }>) => string;
  /** No forecast: the promised day. */
  promised: (day: string) => string;
  delayed: (reason: string) => string;
  late: (promisedBy: string, howLate: string) => string;
  canDo: (alternatives: string) => string;
  pickUpBy: (deadline: string) => string;
}>;

/** One action the customer may take: its button, its place in a sentence, the page's question and answer. */
export type ActionPhrases = Readonly<{ button: string; phrase: string; confirm: string; done: string }>;

/** The customer page's own labels (the rest of its text is the summary and the phrases above). */
export const PAGE_LABELS = [
  'title',
  'expected',
  'reason',
  'timeline',
  'actions',
  'noActions',
  'yes',
  'no',
  'chooseDay',
  'choosePoint',
  'failed',
  'linkExpired',
  'late',
  'delayReported',
  'requested',
  'confirmed',
  'refused',
] as const;
export type PageLabel = (typeof PAGE_LABELS)[number];

/** One language: a sentence builder per kind and the words for each delay cause. */
export type Phrasebook = Readonly<{
  locale: string;
  messages: Readonly<Record<NotificationKind, (w: Wording) => MessageDraft>>;
  summary: SummaryPhrases;
  actions: Readonly<Record<CustomerActionType, ActionPhrases>>;
  /** Short names of the milestones, for the page's timeline. */
  milestones: Readonly<Record<Milestone, string>>;
  days: PluralForms;
  /** How a delay message offers the customer page: a line with the short link (SMS), the page link (email). */
  link: Readonly<{ sms: (url: string) => string; email: (url: string) => string; open: string }>;
  page: Readonly<Record<PageLabel, string>>;
  /** Keyed by DelayReason and PredictedDelayCause; `other` covers anything unknown. */
  delayReasons: Readonly<Record<string, string>> & { other: string };
  /** Keyed by DelayReason: what to do when the customer can help (contact support, confirm the address). */
  delayAdvice: Readonly<Record<string, string>>;
}>;

/** A paragraph only when its fact is known: templates stay readable when a fact is missing. */
export const when = (value: string | undefined, sentence: (v: string) => string): string[] => (value ? [sentence(value)] : []);

/** A date ending in an abbreviation ("4 января 2027 г.") closes the sentence itself: no second full stop. */
export const oneFullStop = (text: string): string => text.replace(/\.\.(?=\s|$)/g, '.');
