import type { Instant } from '../shared/event';
import type { CustomerPreferences, NotificationFacts } from './notification.types';
import { instantsOfWallTime, nextDay, wallTimeAt, type WallTime } from './zoned-time.calendar';

export type QuietHours = Readonly<{ start: string; end: string }>;

// A customer's bounds are a handful of strings, read for every message they are sent: parsed once each.
const MINUTES = new Map<string, number>();
function minutesOf(hhmm: string): number {
  const known = MINUTES.get(hhmm);
  if (known !== undefined) return known;
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`quiet hours bound "${hhmm}" is not HH:MM`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (MINUTES.size < 10_000) MINUTES.set(hhmm, minutes);
  return minutes;
}

/**
 * When the quiet period `now` falls in ends, or undefined when `now` is not in quiet hours.
 *
 * The window is read on the customer's wall clock in `timeZone`: [start, end), and when
 * start > end it wraps midnight (22:00..08:00 covers 23:30 and 07:59, not 08:00).
 * start === end means no quiet hours (an empty window, not a whole day of silence).
 * DST: the end is the first instant after `now` at which the wall clock shows `end`; an end inside
 * a spring-forward gap moves forward by the gap (see instantsOfWallTime), so the result is always
 * a real instant later than `now`.
 */
export function quietHoursEnd(now: Instant, timeZone: string, quiet: QuietHours | undefined): Instant | undefined {
  if (!quiet) return undefined;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return undefined;

  const nowMs = Date.parse(now);
  const wall = wallTimeAt(nowMs, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const wraps = start > end;
  const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return undefined;

  // Before midnight in a wrapping window, the quiet period ends tomorrow.
  const endDay: WallTime = wraps && minute >= start ? nextDay(wall) : wall;
  const endWall: WallTime = { ...endDay, hour: Math.floor(end / 60), minute: end % 60 };
  // In the autumn overlap the end wall time may occur twice; the first one after now ends the quiet.
  const endMs = instantsOfWallTime(endWall, timeZone).find((t) => t > nowMs);
  return new Date(endMs ?? nowMs).toISOString();
}

/**
 * Until when the customer's quiet hours hold news due at `at`, or undefined when it may go: urgent news
 * (out for delivery, an attempt failed) is never held, nor news about a pickup point's storage deadline past
 * that deadline (the parcel is gone by then). Decided with the preferences of the decision, and asked again on
 * release with those of the moment, since a customer may set quiet hours or move zone meanwhile.
 */
export function quietHoursHold(
  news: Readonly<{ urgent: boolean; facts?: NotificationFacts }>,
  at: Instant,
  preferences: Pick<CustomerPreferences, 'timeZone' | 'quietHours'>,
): Instant | undefined {
  if (news.urgent) return undefined;
  const end = quietHoursEnd(at, preferences.timeZone, preferences.quietHours);
  const deadline = news.facts?.pickupPoint?.storageDeadline;
  return end && deadline && Date.parse(end) >= Date.parse(deadline) ? undefined : end;
}
