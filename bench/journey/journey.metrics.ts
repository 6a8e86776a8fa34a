import { type CalendarDate, daysBetween, localDateOf } from '@ot/domain';
import { datesInData, datesInText } from './message-dates.parser';
import type { SentMessage } from './outbox-line.parser';
import { incoherencesOf, type OrderViewBody } from './view-coherence.check';

/** What happened to an order in the replayed data, as far as the service accepted it (epoch ms). */
export type JourneyOrder = Readonly<{
  orderId: string;
  placedAt: number;
  promisedDate: CalendarDate;
  handedAt?: number;
  deliveredAt?: number;
  canceled: boolean;
}>;

export type JourneyInput = Readonly<{
  orders: readonly JourneyOrder[];
  messages: readonly SentMessage[];
  /** GET /orders/:id bodies by order id; a missing one counts as incoherent. */
  views: ReadonlyMap<string, OrderViewBody>;
  /** The service's clock at the end of the replay. */
  now: number;
  /** The customers' zone: every "day" below is a local day there. */
  timeZone: string;
}>;

export type JourneyMetrics = {
  orders: number;
  messages_per_order_mean: number;
  messages_per_order_p95: number;
  late_orders: number;
  late_warned_before_promise_rate: number | null;
  late_warned_2d_before_rate: number | null;
  false_alarm_rate: number | null;
  delivered_message_rate: number | null;
  messages_naming_past_or_preplacement_dates: number;
  incoherent_views: number;
};

/** Where each figure came from, for the progress log and for finding examples. */
export type JourneyDetails = {
  messagesByKind: Record<string, number>;
  incoherences: Record<string, string[]>;
  pastDateMessages: Array<{ orderIds: readonly string[]; kind: string; sentDay: CalendarDate; dates: CalendarDate[]; text: string }>;
  lateNotWarned: string[];
  falseAlarms: string[];
  deliveredWithoutMessage: string[];
};

/** "Will be late" and "is late" messages; "back on track" is not a warning. */
export const isDelayKind = (kind: string): boolean => kind === 'promise-broken' || (kind.startsWith('delay') && kind !== 'delay-cleared');

const rate = (part: number, whole: number): number | null => (whole ? round(part / whole, 4) : null);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of whole counts. */
function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function journeyMetrics(input: JourneyInput): { metrics: JourneyMetrics; details: JourneyDetails } {
  const { orders, messages, views, timeZone } = input;
  const dayOf = (ms: number): CalendarDate => localDateOf(ms, timeZone);
  const today = dayOf(input.now);
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const sentTo = new Map<string, SentMessage[]>(orders.map((o) => [o.orderId, []]));
  for (const m of messages) for (const id of m.orderIds) sentTo.get(id)?.push(m);

  const details: JourneyDetails = {
    messagesByKind: {},
    incoherences: {},
    pastDateMessages: [],
    lateNotWarned: [],
    falseAlarms: [],
    deliveredWithoutMessage: [],
  };
  for (const m of messages) details.messagesByKind[m.kind] = (details.messagesByKind[m.kind] ?? 0) + 1;

  let late = 0,
    warned = 0,
    warned2d = 0,
    alarmed = 0,
    falseAlarms = 0,
    delivered = 0,
    deliveredTold = 0,
    incoherent = 0;
  for (const o of orders) {
    const sent = sentTo.get(o.orderId) ?? [];
    const warnings = sent.filter((m) => isDelayKind(m.kind)).map((m) => dayOf(m.sentAt));
    const deliveredDay = o.deliveredAt !== undefined ? dayOf(o.deliveredAt) : undefined;
    const isLate = o.handedAt !== undefined && (deliveredDay !== undefined ? deliveredDay > o.promisedDate : !o.canceled && today > o.promisedDate);
    if (isLate) {
      late++;
      if (warnings.some((d) => d <= o.promisedDate)) warned++;
      else details.lateNotWarned.push(o.orderId);
      if (warnings.some((d) => daysBetween(d, o.promisedDate) >= 2)) warned2d++;
    }
    if (warnings.length) {
      alarmed++;
      if (deliveredDay !== undefined && deliveredDay <= o.promisedDate) {
        falseAlarms++;
        details.falseAlarms.push(o.orderId);
      }
    }
    if (deliveredDay !== undefined) {
      delivered++;
      if (sent.some((m) => m.kind === 'delivered')) deliveredTold++;
      else details.deliveredWithoutMessage.push(o.orderId);
    }
    const view = views.get(o.orderId);
    const wrong = view ? incoherencesOf(view, today, timeZone) : ['missing'];
    if (wrong.length) incoherent++;
    for (const w of wrong) (details.incoherences[w] ??= []).push(o.orderId);
  }

  let pastDates = 0;
  for (const m of messages) {
    const own = m.orderIds.map((id) => byId.get(id)).filter((o): o is JourneyOrder => o !== undefined);
    if (!own.length) continue;
    const sentDay = dayOf(m.sentAt);
    const placedDay = dayOf(Math.min(...own.map((o) => o.placedAt)));
    const promises = new Set(own.map((o) => o.promisedDate));
    // Naming the promise is a fact ("we promised ... by"), not a forecast: it may lie in the past.
    const bad = [...datesInText(`${m.title}\n${m.text}`, sentDay), ...datesInData(m.data, dayOf)].filter(
      (d) => d < placedDay || (d < sentDay && !promises.has(d)),
    );
    if (bad.length) {
      pastDates++;
      details.pastDateMessages.push({ orderIds: m.orderIds, kind: m.kind, sentDay, dates: [...new Set(bad)], text: m.text });
    }
  }

  const counts = orders.map((o) => sentTo.get(o.orderId)?.length ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    metrics: {
      orders: orders.length,
      messages_per_order_mean: orders.length ? round(total / orders.length, 3) : 0,
      messages_per_order_p95: percentile(counts, 0.95),
      late_orders: late,
      late_warned_before_promise_rate: rate(warned, late),
      late_warned_2d_before_rate: rate(warned2d, late),
      false_alarm_rate: rate(falseAlarms, alarmed),
      delivered_message_rate: rate(deliveredTold, delivered),
      messages_naming_past_or_preplacement_dates: pastDates,
      incoherent_views: incoherent,
    },
    details,
  };
}

/** The targets; a figure that cannot be measured (no late orders; one run only) does not fail them. */
export function targetsMet(m: JourneyMetrics, replayIdentical: boolean | null): boolean {
  const atLeast = (x: number | null, min: number): boolean => x === null || x >= min;
  return (
    atLeast(m.late_warned_before_promise_rate, 0.8) &&
    atLeast(m.late_warned_2d_before_rate, 0.6) &&
    (m.false_alarm_rate === null || m.false_alarm_rate <= 0.2) &&
    atLeast(m.delivered_message_rate, 1) &&
    m.messages_per_order_p95 <= 5 &&
    m.messages_naming_past_or_preplacement_dates === 0 &&
    m.incoherent_views === 0 &&
    replayIdentical !== false
  );
}
