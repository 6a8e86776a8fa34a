import { daysBetween, endOfLocalDay, localDateOf } from '@ot/domain';
import type { OlistOrder } from '@ot/replay';
import type { ReplayObservations } from './in-process.replay';

export type EtaBenchResult = {
  orders: number;
  delivered: number;
  mae_expected_at_placed_days: number;
  mae_expected_at_handoff_days: number;
  by_date_on_time_rate: number;
  by_date_mean_padding_days: number;
  window_coverage: number;
  window_mean_width_days: number;
  delay_alert_recall: number;
  /** Late orders warned at least two local days before their promised day. */
  delay_alert_recall_2d: number;
  delay_alert_precision: number;
  delay_alert_mean_lead_days: number;
  olist_promise_on_time_rate: number;
  olist_promise_mae_days: number;
  events_per_second: number;
};

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** Orders nobody owed a delivery for: they cannot be late. */
const NOT_OWED = new Set(['canceled', 'unavailable']);

/**
 * The scores, in whole local days. A late order is one delivered after its promised day or
 * never delivered (unless canceled or unavailable); it is caught when a DelayPredicted was
 * appended before its promised day ended. Lead: promised day minus the alert's local day.
 */
export function etaBenchMetrics(orders: readonly OlistOrder[], obs: ReplayObservations, timeZone: string): EtaBenchResult {
  const delivered = orders.filter((o) => o.deliveredAt);
  const dayOf = (o: OlistOrder): string => o.deliveredAt!.slice(0, 10);
  const placed = delivered.flatMap((o) => (obs.atPlaced.has(o.orderId) ? [{ o, v: obs.atPlaced.get(o.orderId)! }] : []));
  const handed = delivered.flatMap((o) => (obs.atHandoff.has(o.orderId) ? [{ o, v: obs.atHandoff.get(o.orderId)! }] : []));
  const onTime = placed.filter(({ o, v }) => dayOf(o) <= v.by);
  const late = orders.filter((o) => !NOT_OWED.has(o.status) && (!o.deliveredAt || dayOf(o) > o.promisedDate));
  const caughtBefore = (o: OlistOrder): boolean => {
    const at = obs.firstAlert.get(o.orderId);
    return at !== undefined && Date.parse(at) <= endOfLocalDay(o.promisedDate, timeZone);
  };
  const caught = late.filter(caughtBefore);
  const leadOf = (o: OlistOrder): number => daysBetween(localDateOf(Date.parse(obs.firstAlert.get(o.orderId)!), timeZone), o.promisedDate);
  return {
    orders: orders.length,
    delivered: delivered.length,
    mae_expected_at_placed_days: round(mean(placed.map(({ o, v }) => Math.abs(daysBetween(v.expected, dayOf(o)))))),
    mae_expected_at_handoff_days: round(mean(handed.map(({ o, v }) => Math.abs(daysBetween(v.expected, dayOf(o)))))),
    by_date_on_time_rate: round(onTime.length / Math.max(1, placed.length)),
    by_date_mean_padding_days: round(mean(onTime.map(({ o, v }) => daysBetween(dayOf(o), v.by)))),
    window_coverage: round(placed.filter(({ o, v }) => v.window.earliest <= dayOf(o) && dayOf(o) <= v.window.latest).length / Math.max(1, placed.length)),
    window_mean_width_days: round(mean(placed.map(({ v }) => daysBetween(v.window.earliest, v.window.latest)))),
    delay_alert_recall: round(caught.length / Math.max(1, late.length)),
    delay_alert_recall_2d: round(caught.filter((o) => leadOf(o) >= 2).length / Math.max(1, late.length)),
    delay_alert_precision: round(caught.length / Math.max(1, obs.firstAlert.size)),
    delay_alert_mean_lead_days: round(mean(caught.map(leadOf))),
    olist_promise_on_time_rate: round(delivered.filter((o) => dayOf(o) <= o.promisedDate).length / Math.max(1, delivered.length)),
    olist_promise_mae_days: round(mean(delivered.map((o) => Math.abs(daysBetween(o.promisedDate, dayOf(o)))))),
    events_per_second: round(obs.steps / Math.max(obs.wallSeconds, 0.001), 1),
  };
}

/** Where the window at placement misses: the share of delivered orders that came before its first day, and after its last. */
export function windowMisses(orders: readonly OlistOrder[], obs: ReplayObservations): { early: number; late: number } {
  const placed = orders.flatMap((o) =>
    o.deliveredAt && obs.atPlaced.has(o.orderId) ? [{ day: o.deliveredAt.slice(0, 10), v: obs.atPlaced.get(o.orderId)! }] : [],
  );
  const share = (n: number): number => round(n / Math.max(1, placed.length));
  return {
    early: share(placed.filter(({ day, v }) => day < v.window.earliest).length),
    late: share(placed.filter(({ day, v }) => day > v.window.latest).length),
  };
}
