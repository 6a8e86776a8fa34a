import type { CalendarDate, Instant } from '../shared/event';
import { formatDay, formatInstant, yearAt } from './notification-dates';
import { type MessageDraft, oneFullStop, type Phrasebook, type Wording } from './notification-wording';
import { phrasebookOf } from './phrasebooks';
import { DELAY_MESSAGE_ACTIONS } from './delay-message-actions';
import type { Channel, Language, NotificationFacts, NotificationKind } from './notification.types';
import { type AftercarePhrasebook, aftercareWording } from './aftercare.wording';
import { EN_AFTERCARE } from './notification-phrasebook.aftercare.en';
import { RU_AFTERCARE } from './notification-phrasebook.aftercare.ru';
import { localDayOf } from './zoned-time.calendar';

/** link: the customer page, for the app to open (push data); only on messages that offer actions. */
export type RenderedNotification = Readonly<{ title: string; text: string; html: string; link?: string }>;

/** The customer page of the order (signed, expiring) and its short form for SMS. */
export type OrderPageLinks = Readonly<{ page: string; short: string }>;

/**
 * sentAt: when the message goes out; a date in another year than that (in the customer's zone) carries its year.
 * channel and links: a delay message offers the customer page, in the form each channel carries.
 */
export type RenderOptions = Readonly<{ language: Language; timeZone: string; sentAt: Instant; channel?: Channel; links?: OrderPageLinks }>;

const AFTERCARE_PHRASEBOOKS: Readonly<Record<Language, AftercarePhrasebook>> = { en: EN_AFTERCARE, ru: RU_AFTERCARE };

const DELAY_KINDS: ReadonlySet<NotificationKind> = new Set(['delay-predicted']);

/** The delay messages: they offer the customer what to do about it, through the order page. */
export const KINDS_WITH_ACTIONS: ReadonlySet<NotificationKind> = new Set(['delay-predicted', 'promise-broken']);

/**
 * Puts a notification into words: title (push title, email subject), text (SMS, push body, email
 * text part) and html (email). Pure: the same kind, facts and options always give the same message.
 * Dates are the customer's: calendar dates as days, instants (the storage deadline) in their zone.
 */
export function renderNotification(kind: NotificationKind, facts: NotificationFacts, options: RenderOptions): RenderedNotification {
  const book = phrasebookOf(options.language);
  const draft = draftOf(kind, facts, book, options);
  const links = KINDS_WITH_ACTIONS.has(kind) ? options.links : undefined;
  if (!links) return { title: draft.title, text: textOf(draft), html: htmlOf(draft, book.locale) };
  const text = options.channel === 'sms' ? [book.link.sms(links.short)] : options.channel === 'email' ? [book.link.email(links.page)] : [];
  return { title: draft.title, text: textOf(draft, text), html: htmlOf(draft, book.locale, buttonsOf(links.page, book, facts)), link: links.page };
}

/**
 * The email's buttons: one per action a delay offers (each opens the page on that action), then the page itself.
 * "Accept the new date" only where the message names one: the page offers it only once a new date is recorded.
 */
function buttonsOf(page: string, book: Phrasebook, facts: NotificationFacts): string {
  const style = 'display:inline-block;margin:4px 8px 4px 0;padding:10px 16px;border-radius:6px;background:#1a56db;color:#fff;text-decoration:none';
  const button = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(label)}</a>`;
  const offered = DELAY_MESSAGE_ACTIONS.filter((action) => action !== 'accept-new-date' || !!facts.newExpected);
  const actions = offered.map((action) => button(`${page}?action=${action}`, book.actions[action].button));
  return `<p>${[...actions, button(page, book.link.open)].join('')}</p>`;
}

function draftOf(kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): MessageDraft {
  const lines = facts.digest?.map((item) => digestLine(draftOf(item.kind, item.facts, book, options), item.kind, item.facts, book, options));
  const draft = book.messages[kind]({ ...wordingOf(kind, facts, book, options), lines });
  return { title: draft.title, paragraphs: draft.paragraphs.map(oneFullStop) };
}

/** A digest line: the order's own title, and its date when the news is about a date. */
function digestLine(draft: MessageDraft, kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): string {
  const date = kind === 'shipped' ? (facts.newExpected ?? facts.promisedBy) : facts.newExpected;
  return date ? `${draft.title}: ${formatDay(date, book.locale, yearAt(options.sentAt, options.timeZone))}` : draft.title;
}

function wordingOf(kind: NotificationKind, facts: NotificationFacts, book: Phrasebook, options: RenderOptions): Wording {
  const currentYear = yearAt(options.sentAt, options.timeZone);
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

function textOf(draft: MessageDraft, extra: readonly string[] = []): string {
  return [draft.title, ...draft.paragraphs, ...extra].join('\n');
}

function htmlOf(draft: MessageDraft, locale: string, buttons = ''): string {
  const body = draft.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html lang="${locale}"><body><h1>${escapeHtml(draft.title)}</h1>${body}${buttons}</body></html>`;
}

/** Facts come from partners and customers (addresses, courier notes): never trust them as markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
