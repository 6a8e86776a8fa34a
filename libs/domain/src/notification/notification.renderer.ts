import type { CalendarDate, Instant } from '../shared/event';
import { wallPartsAt } from '../shared/zone-offset';
import { type AftercarePhrasebook, aftercareWording } from './aftercare.wording';
import { EN_AFTERCARE } from './notification-phrasebook.aftercare.en';
import { RU_AFTERCARE } from './notification-phrasebook.aftercare.ru';
import { EN } from './notification-phrasebook.en';
import { RU } from './notification-phrasebook.ru';
import type { MessageDraft, Phrasebook, Wording } from './notification-wording';
import type { Language, NotificationFacts, NotificationKind } from './notification.types';
import { localDayOf } from './zoned-time.calendar';

export type RenderedNotification = Readonly<{ title: string; text: string; html: string }>;
/** sentAt: when the message goes out; a date in another year than that (in the customer's zone) carries its year. */
export type RenderOptions = Readonly<{ language: Language; timeZone: string; sentAt: Instant }>;

const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { en: EN, ru: RU };
const AFTERCARE_PHRASEBOOKS: Readonly<Record<Language, AftercarePhrasebook>> = { en: EN_AFTERCARE, ru: RU_AFTERCARE };

const DELAY_KINDS: ReadonlySet<NotificationKind> = new Set(['delay-predicted']);

/**
 * Puts a notification into words: title (push title, email subject), text (SMS, push body, email
 * text part) and html (email). Pure: the same kind, facts and options always give the same message.
 * Dates are the customer's: calendar dates as days, instants (the storage deadline) in their zone.
 */
export function renderNotification(kind: NotificationKind, facts: NotificationFacts, options: RenderOptions): RenderedNotification {
  const book = PHRASEBOOKS[options.language];
  const draft = draftOf(kind, facts, book, options);
  return { title: draft.title, text: textOf(draft), html: htmlOf(draft, book.locale) };
}

function draftOf(kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): MessageDraft {
  const lines = facts.digest?.map((item) => digestLine(draftOf(item.kind, item.facts, book, options), item.kind, item.facts, book, options));
  return book.messages[kind]({ ...wordingOf(kind, facts, book, options), lines });
}

/** A digest line: the order's own title, and its date when the news is about a date. */
function digestLine(draft: MessageDraft, kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): string {
  const date = kind === 'shipped' ? (facts.newExpected ?? facts.promisedBy) : facts.newExpected;
  return date ? `${draft.title}: ${formatDay(date, book.locale, yearOf(options))}` : draft.title;
}

function wordingOf(kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): Wording {
  const currentYear = yearOf(options);
  const day = (d?: CalendarDate) => (d ? formatDay(d, book.locale, currentYear) : undefined);
  const isDelay = DELAY_KINDS.has(kind) && !!facts.reason;
  return {
    orderId: facts.orderId,
    // A delay's reason is one of our codes and is put into words; a courier's reason is their own text.
    reason: isDelay ? (book.delayReasons[facts.reason!] ?? book.delayReasons.other) : undefined,
    advice: isDelay ? book.delayAdvice[facts.reason!] : undefined,
    note: kind === 'delivery-attempt-failed' ? facts.reason : undefined,
    newExpected: day(facts.newExpected),
    // "changed from" a day already gone by tells the customer nothing (a catch-up after a pause): only the new day
    previousExpected:
      facts.previousExpected && facts.previousExpected >= localDayOf(Date.parse(options.sentAt), options.timeZone) ? day(facts.previousExpected) : undefined,
    promisedBy: day(facts.promisedBy),
    address: facts.pickupPoint?.address,
    storageDeadline: facts.pickupPoint ? formatInstant(facts.pickupPoint.storageDeadline, book.locale, options.timeZone, currentYear) : undefined,
    ...aftercareWording(facts, book.locale, AFTERCARE_PHRASEBOOKS[options.language]),
  };
}

/** The year on the customer's calendar when the message is sent. */
function yearOf(options: RenderOptions): number {
  return wallPartsAt(Date.parse(options.sentAt), options.timeZone).year;
}

/**
 * A calendar date has no zone: it is the same day everywhere, so it is formatted in UTC.
 * Russian drops the weekday: "до 30 ноября" reads right, "до понедельник, 30 ноября" does not.
 */
function formatDay(date: CalendarDate, locale: string, currentYear: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const withYear = y !== currentYear;
  const weekday = locale === 'ru' ? undefined : 'long';
  return formatter(
    `day|${locale}|${withYear}`,
    () => new Intl.DateTimeFormat(locale, { weekday, day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

function formatInstant(instant: Instant, locale: string, timeZone: string, currentYear: number): string {
  const withYear = wallPartsAt(Date.parse(instant), timeZone).year !== currentYear;
  return formatter(
    `instant|${locale}|${timeZone}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, hour: 'numeric', minute: '2-digit', timeZone }),
  ).format(new Date(instant));
}

/** Formatters are immutable and costly to build: one per locale, zone and year display. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = FORMATTERS.get(key);
  if (!f) FORMATTERS.set(key, (f = make()));
  return f;
}

function textOf(draft: MessageDraft): string {
  return [draft.title, ...draft.paragraphs].join('\n');
}

function htmlOf(draft: MessageDraft, locale: string): string {
  const body = draft.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html lang="${locale}"><body><h1>${escapeHtml(draft.title)}</h1>${body}</body></html>`;
}

/** Facts come from partners and customers (addresses, courier notes): never trust them as markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
