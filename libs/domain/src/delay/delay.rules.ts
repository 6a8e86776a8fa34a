import type { BreakPromise, ClearDelay, OrderCommand, PredictDelay, ReviseEta } from '../order/order.commands';
import type { Instant } from '../shared/event';
import type { EtaPrediction } from '../eta/eta-predictor';
import { daysBetween, endOfLocalDay } from '../eta/zoned-time';
import { DEFAULT_DELAY_RULES, type DelayRulesConfig, type DelayWatch } from './delay-watch';

/**
 * The proactive rules, evaluated on every event and clock tick for an open order. Pure: the
 * forecast and `now` come in, commands go out, and the decider turns them into facts (it also
 * drops repeats, so evaluating twice is harmless).
 */
export function delayCommands(
  watch: DelayWatch,
  prediction: EtaPrediction,
  now: Instant,
  rules: DelayRulesConfig = DEFAULT_DELAY_RULES,
): OrderCommand[] {
  const promiseEnd = endOfLocalDay(watch.promisedBy, rules.timeZone);
  const nowMs = Date.parse(now);
  const commands: OrderCommand[] = [];
  if (nowMs > promiseEnd) {
    if (!watch.promiseBroken) commands.push(breakPromise(watch, now));
  } else {
    const alert = alertCommand(watch, prediction, now, rules);
    if (alert) commands.push(alert);
  }
  const revision = reviseCommand(watch, prediction, now);
  if (revision) commands.push(revision);
  return commands;
}

/**
 * At risk when the forecast day is after the promised day, or when the current stage has run
 * past its overdue quantile without news (a silent parcel is flagged before its promise date,
 * even while its forecast still fits). Only a prediction: once the promise passed,
 * PromiseBroken says it instead.
 */
function alertCommand(w: DelayWatch, p: EtaPrediction, now: Instant, rules: DelayRulesConfig): PredictDelay | ClearDelay | undefined {
  const overdue = Date.parse(now) > Date.parse(p.nextEventDueBy);
  const beyondPromise = p.expected > w.promisedBy;
  if (!w.delayActive && (beyondPromise || overdue)) {
    const reason = beyondPromise ? 'eta-beyond-promise' : 'no-scan-expected-by-now';
    return { type: 'PredictDelay', data: { orderId: w.orderId, reason, newExpected: p.expected, promisedBy: w.promisedBy, detectedAt: now } };
  }
  const safelyBack = !overdue && daysBetween(p.expected, w.promisedBy) >= rules.clearMarginDays;
  if (w.delayActive && safelyBack) {
    return { type: 'ClearDelay', data: { orderId: w.orderId, newExpected: p.expected, clearedAt: now } };
  }
  return undefined;
}

function breakPromise(w: DelayWatch, now: Instant): BreakPromise {
  return { type: 'BreakPromise', data: { orderId: w.orderId, promisedBy: w.promisedBy, detectedAt: now } };
}

/**
 * The forecast day moved from what customers were last told. Later by a day or more is always
 * news (they would wait in vain); earlier only counts from two days on, so a forecast wobbling
 * between two neighbouring days is announced once, not every day (hysteresis). Not after the
 * promise broke: a silent parcel's forecast then slides daily, and PromiseBroken has handed
 * the order to people.
 */
function reviseCommand(w: DelayWatch, p: EtaPrediction, now: Instant): ReviseEta | undefined {
  if (w.promiseBroken || !w.announcedExpected) return undefined;
  const moved = daysBetween(w.announcedExpected, p.expected);
  if (moved < 1 && moved > -EARLIER_REVISION_DAYS) return undefined;
  return { type: 'ReviseEta', data: { orderId: w.orderId, previousExpected: w.announcedExpected, newExpected: p.expected, revisedAt: now } };
}

const EARLIER_REVISION_DAYS = 2;
