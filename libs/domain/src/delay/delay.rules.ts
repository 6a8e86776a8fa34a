import type { BreakPromise, ClearDelay, OrderCommand, PredictDelay, ReviseEta } from '../order/order.commands';
import type { CalendarDate, Instant } from '../shared/event';
import type { EtaPrediction } from '../eta/eta-predictor';
import { shownEta } from '../eta/eta-shown';
import { daysBetween, localDateOf } from '../eta/zoned-time';
import { delayedExpected, promiseEndsAt } from './delay-state';
import { DEFAULT_DELAY_RULES, type DelayRulesConfig, type DelayWatch } from './delay-watch';

/** What the rules read of an order's latest forecast. */
export type DelayForecast = Pick<EtaPrediction, 'expected' | 'by' | 'window' | 'likelyNotBefore' | 'nextEventDueBy' | 'predictedAt'>;

/**
 * The proactive rules, evaluated on every event and clock tick for an open order. Pure: the
 * forecast and `now` come in, commands go out, and the decider turns them into facts (it also
 * drops repeats, so evaluating twice is harmless).
 */
export function delayCommands(watch: DelayWatch, prediction: DelayForecast, now: Instant, rules: DelayRulesConfig = DEFAULT_DELAY_RULES): OrderCommand[] {
  const promiseEnd = promiseEndsAt(watch.promisedBy, rules.timeZone);
  const nowMs = Date.parse(now);
  const commands: OrderCommand[] = [];
  if (nowMs > promiseEnd) {
    if (!watch.promiseBroken) commands.push(breakPromise(watch, now, shownExpected(watch, prediction, now, rules)));
    const reported = partnerAlert(watch, prediction, now, rules); // a partner's news is still worth telling
    if (reported) commands.push(reported);
  } else {
    const alert = partnerAlert(watch, prediction, now, rules) ?? alertCommand(watch, prediction, now, rules);
    if (alert) commands.push(alert);
  }
  // an alert or its clearing announces the date itself: a revision beside it would name another
  const announces = commands.some((c) => c.type === 'PredictDelay' || c.type === 'ClearDelay');
  const revision = announces ? undefined : reviseCommand(watch, prediction, now, rules);
  if (revision) commands.push(revision);
  return commands;
}

/** A partner said the parcel is held up (weather, lost, address problem): tell the customer why, once per reason. */
function partnerAlert(w: DelayWatch, p: DelayForecast, now: Instant, rules: DelayRulesConfig): PredictDelay | undefined {
  if (!w.partnerDelay || (w.delayActive && w.delayReason === w.partnerDelay)) return undefined;
  const today = localDateOf(Date.parse(now), rules.timeZone);
  const newExpected = delayedExpected(p.expected, w.promisedBy, today, true);
  return { type: 'PredictDelay', data: { orderId: w.orderId, reason: w.partnerDelay, newExpected, promisedBy: w.promisedBy, detectedAt: now } };
}

/**
 * At risk when the forecast is likely (two thirds of it) after the promised day, or when the current stage has run
 * past its overdue quantile without news (a silent parcel is flagged before its promise date,
 * even while its forecast still fits). Only a prediction: once the promise passed,
 * PromiseBroken says it instead. A partner's delay is cleared only once the parcel moved again, and
 * an alert for silence only once the parcel is heard of: the model changing its mind about how long
 * a silence is normal is no news for the customer (it raised and cleared alerts daily).
 */
function alertCommand(w: DelayWatch, p: DelayForecast, now: Instant, rules: DelayRulesConfig): PredictDelay | ClearDelay | undefined {
  const overdue = Date.parse(now) > Date.parse(p.nextEventDueBy);
  const beyondPromise = p.likelyNotBefore > w.promisedBy; // likely, not just even odds: a warning should rarely prove false
  if (!w.delayActive && (beyondPromise || overdue)) {
    const reason = beyondPromise ? 'eta-beyond-promise' : 'no-scan-expected-by-now';
    const today = localDateOf(Date.parse(now), rules.timeZone);
    const newExpected = delayedExpected(p.expected, w.promisedBy, today, false);
    return { type: 'PredictDelay', data: { orderId: w.orderId, reason, newExpected, promisedBy: w.promisedBy, detectedAt: now } };
  }
  const stillSilent = w.delayReason === 'no-scan-expected-by-now' && w.silentSinceDelay === true;
  const safelyBack = !overdue && !w.partnerDelay && !stillSilent && daysBetween(p.expected, w.promisedBy) >= rules.clearMarginDays;
  if (w.delayActive && safelyBack) {
    return { type: 'ClearDelay', data: { orderId: w.orderId, newExpected: p.expected, clearedAt: now } };
  }
  return undefined;
}

/** A delivery (or pick-up) after the promised day has ended: the promise was broken, and that is recorded. */
export function deliveryCommands(watch: DelayWatch, deliveredAt: Instant, rules: DelayRulesConfig = DEFAULT_DELAY_RULES): OrderCommand[] {
  const late = Date.parse(deliveredAt) > promiseEndsAt(watch.promisedBy, rules.timeZone);
  return late && !watch.promiseBroken ? [breakPromise(watch, deliveredAt)] : [];
}

/** newExpected: the day the order is now expected, told with the broken promise; none for a late delivery. */
function breakPromise(w: DelayWatch, now: Instant, newExpected?: CalendarDate): BreakPromise {
  const data = { orderId: w.orderId, promisedBy: w.promisedBy, detectedAt: now };
  return { type: 'BreakPromise', data: newExpected ? { ...data, newExpected } : data };
}

/** The expected day the order page shows (shownEta): never before today, nor before an announced delay's date. */
function shownExpected(w: DelayWatch, p: DelayForecast, now: Instant, rules: DelayRulesConfig): CalendarDate {
  const today = localDateOf(Date.parse(now), rules.timeZone);
  return shownEta(p, today, w.delayActive ? w.delayExpected : undefined).expected;
}

/**
 * The forecast day moved from what customers were last told. A silent parcel's forecast slides a
 * day later every day, so a day later is news only once the day told has come (they would wait in
 * vain); before that, only a move of LATER_REVISION_DAYS or more is. Earlier counts from
 * EARLIER_REVISION_DAYS on, so a forecast wobbling between two neighbouring days is announced once
 * (hysteresis). The day compared is the one shown (shownEta): never before today, and while a delay
 * is active never before its date (the customer was told it). Not after the promise broke:
 * PromiseBroken has handed the order to people.
 */
function reviseCommand(w: DelayWatch, p: DelayForecast, now: Instant, rules: DelayRulesConfig): ReviseEta | undefined {
  if (w.promiseBroken || !w.announcedExpected) return undefined;
  const today = localDateOf(Date.parse(now), rules.timeZone);
  const expected = shownExpected(w, p, now, rules);
  const moved = daysBetween(w.announcedExpected, expected);
  const dayTold = w.announcedExpected <= today;
  const news = moved <= -EARLIER_REVISION_DAYS || moved >= LATER_REVISION_DAYS || (moved >= 1 && dayTold);
  if (!news) return undefined;
  return { type: 'ReviseEta', data: { orderId: w.orderId, previousExpected: w.announcedExpected, newExpected: expected, revisedAt: now } };
}

const LATER_REVISION_DAYS = 3;
const EARLIER_REVISION_DAYS = 2;
