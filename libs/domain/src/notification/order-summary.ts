import { daysBetween, localDateOf } from '../eta/zoned-time';
import type { Milestone } from '../order/milestone';
import { TERMINAL } from '../order/milestone';
import type { PickupPoint, Place } from '../order/order.events';
import type { CalendarDate, Instant } from '../shared/event';
import { formatAlternatives, formatCount, formatDay, formatDays, formatInstant, yearAt } from './notification-dates';
import type { CustomerActionType } from '../order/customer-action.events';
import { oneFullStop } from './notification-wording';
import { phrasebookOf } from './phrasebooks';
import type { Language } from './notification.types';

/** What the summary is made of: the order's status document, its forecast, and the actions its state allows now. */
export type OrderSummaryFacts = Readonly<{
  orderId: string;
  status: Milestone;
  statusAt: Instant;
  promisedBy: CalendarDate;
  lastLocation?: Place;
  pickupPoint?: PickupPoint;
  /** The courier's note on a failed attempt (the last timeline entry's reason). */
  note?: string;
  delay: Readonly<{ isDelayed: boolean; reason?: string; newExpected?: CalendarDate; promiseBroken: boolean }>;
  eta?: Readonly<{ window: Readonly<{ earliest: CalendarDate; latest: CalendarDate }> }>;
  actions: readonly CustomerActionType[];
}>;

/** now: the domain clock's instant; timeZone: the one the customer's days are counted in. */
export type SummaryOptions = Readonly<{ language: Language; timeZone: string; now: Instant }>;

/**
 * "Where is my order?" in one paragraph, for a chat-bot or a support agent to forward as is: where
 * it is, when it will arrive (the ETA window), why it is late if it is, and what the customer can do
 * now. Pure; every word comes from the notifier's phrasebook of the language.
 */
export function summarizeOrder(facts: OrderSummaryFacts, options: SummaryOptions): string {
  const book = phrasebookOf(options.language);
  const { locale, summary } = book;
  const year = yearAt(options.now, options.timeZone);
  const day = (d: CalendarDate) => formatDay(d, locale, year);
  const open = !TERMINAL.has(facts.status);
  const where = summary.where[facts.status]({
    orderId: facts.orderId,
    place: placeOf(facts.lastLocation),
    day: open ? undefined : day(localDateOf(Date.parse(facts.statusAt), options.timeZone)),
    address: facts.pickupPoint?.address,
    note: facts.note,
  });
  if (!open) return where;
  const sentences = [where, ...arrival(facts, options, day)];
  if (facts.delay.isDelayed && facts.delay.reason) {
    sentences.push(summary.delayed(book.delayReasons[facts.delay.reason] ?? book.delayReasons.other));
    const advice = book.delayAdvice[facts.delay.reason];
    if (advice) sentences.push(advice);
  }
  if (facts.delay.promiseBroken) {
    const today = localDateOf(Date.parse(options.now), options.timeZone);
    const late = Math.max(1, daysBetween(facts.promisedBy, today));
    sentences.push(summary.late(day(facts.promisedBy), formatCount(late, locale, book.days)));
  }
  if (facts.status === 'ArrivedAtPickupPoint' && facts.pickupPoint) {
    sentences.push(summary.pickUpBy(formatInstant(facts.pickupPoint.storageDeadline, locale, options.timeZone, year)));
  }
  if (facts.actions.length)
    sentences.push(
      summary.canDo(
        formatAlternatives(
          facts.actions.map((a) => book.actions[a].phrase),
          locale,
        ),
      ),
    );
  return oneFullStop(sentences.join(' '));

  function arrival(f: OrderSummaryFacts, o: SummaryOptions, format: (d: CalendarDate) => string): string[] {
    if (f.status === 'ArrivedAtPickupPoint' || f.status === 'OutForDelivery') return [];
    const today = localDateOf(Date.parse(o.now), o.timeZone);
    const forecast = f.eta?.window ?? (f.delay.newExpected ? { earliest: f.delay.newExpected, latest: f.delay.newExpected } : undefined);
    // a forecast already gone by (not re-forecast yet) would contradict "late by N days": say nothing about when
    const window = forecast && forecast.latest >= today ? forecast : undefined;
    if (!window) return f.delay.promiseBroken || f.promisedBy < today ? [] : [summary.promised(format(f.promisedBy))];
    const oneDay = window.earliest === window.latest;
    const range = formatDays(window.earliest, window.latest, locale, yearAt(o.now, o.timeZone));
    return [summary.window({ earliest: format(window.earliest), latest: format(window.latest), range, oneDay })];
  }
}

/** "Sao Paulo, SP": Olist cities come lower-case. */
function placeOf(place?: Place): string | undefined {
  const city = place?.city?.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
  return [city, place?.state].filter(Boolean).join(', ') || undefined;
}
