import type { CalendarDate } from '../shared/event';
import type { Milestone } from '../order/milestone';
import { TERMINAL } from '../order/milestone';
import { addDays, endOfLocalDay } from '../eta/zoned-time';
import { DEFAULT_DELAY_RULES } from './delay-watch';

/**
 * Where an order stands against its promise, the one definition every view, GET answer and
 * message uses: on track; at risk (a delay is predicted before the promised day has passed);
 * late (the promised day passed and the parcel is not with the customer); delivered late.
 */
export type DelayState = 'on-track' | 'at-risk' | 'late' | 'delivered-late';

/** The recorded facts the state follows from (events only, never the clock, so a view needs no refresh). */
export type DelayFacts = Readonly<{ status: Milestone; delayActive: boolean; promiseBroken: boolean }>;

export type DelayFlags = Readonly<{ state: DelayState; isDelayed: boolean; atRisk: boolean; promiseBroken: boolean }>;

const RECEIVED: ReadonlySet<Milestone> = new Set(['Delivered', 'PickedUp']);

export function delayStateOf(f: DelayFacts): DelayState {
  if (RECEIVED.has(f.status)) return f.promiseBroken ? 'delivered-late' : 'on-track';
  if (f.status === 'Canceled') return 'on-track';
  if (f.promiseBroken) return 'late';
  return f.delayActive && !TERMINAL.has(f.status) ? 'at-risk' : 'on-track';
}

/** The state with the booleans GET has always served, derived from it so they cannot disagree. */
export function delayFlagsOf(f: DelayFacts): DelayFlags {
  const state = delayStateOf(f);
  return {
    state,
    isDelayed: state === 'at-risk' || state === 'late',
    atRisk: state === 'at-risk',
    promiseBroken: state === 'late' || state === 'delivered-late',
  };
}

/** A delivery (or pick-up) is what the promise was about; a return or cancellation ends it otherwise. */
export const fulfilsPromise = (m: Milestone): boolean => RECEIVED.has(m);

/**
 * The date a delay announces: never on or before the promise (it would not be a delay) and, for
 * a partner-reported delay, not today either (the partner just said it will not come today).
 */
export function delayedExpected(forecast: CalendarDate, promisedBy: CalendarDate, today: CalendarDate, partnerReported: boolean): CalendarDate {
  return [forecast, addDays(promisedBy, 1), partnerReported ? addDays(today, 1) : today].reduce((a, b) => (b > a ? b : a));
}

/** The last millisecond of the promised day in the customer's zone: a promise is broken after it. */
export const promiseEndsAt = (promisedBy: CalendarDate, timeZone: string = DEFAULT_DELAY_RULES.timeZone): number => endOfLocalDay(promisedBy, timeZone);
