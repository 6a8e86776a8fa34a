import {
  type CalendarDate,
  type EtaLearner,
  type EtaPrediction,
  type EtaRoute,
  type EtaStage,
  type Instant,
  type OrderEvent,
  TERMINAL,
  MILESTONE_OF,
} from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';

/** The ETA projection's memory of one open order. */
export type OpenOrder = {
  orderId: string;
  /** Stream version last folded: an event at or below it is a replay and changes nothing. */
  version: number;
  placedAt: Instant;
  promisedBy: CalendarDate;
  route: EtaRoute;
  stage: EtaStage;
  stageStartedAt: Instant;
  /** Latest partner time seen: event-driven forecasts are made as of this instant. */
  lastNewsAt: Instant;
  delayActive: boolean;
  promiseBroken: boolean;
  announcedExpected?: CalendarDate;
  prediction?: EtaPrediction;
};

export type FoldResult = 'opened' | 'moved' | 'system' | 'closed' | 'ignored';

const later = (a: Instant, b: Instant): Instant => (Date.parse(b) > Date.parse(a) ? b : a);

/**
 * Folds one recorded event into the open orders and teaches the learner each stage duration
 * the moment the stage completes (hand-over, delivery). Events of a closed or unknown order are
 * ignored; a replayed event (version already folded) is ignored too, so nothing is learned twice.
 */
export function foldOpenOrder(orders: Map<string, OpenOrder>, learner: EtaLearner, e: RecordedEvent<OrderEvent>): FoldResult {
  if (e.type === 'OrderPlaced') {
    if (orders.has(e.data.orderId) || e.streamVersion !== 1) return 'ignored';
    const d = e.data;
    const route: EtaRoute = { origin: d.origin, destination: d.destination };
    orders.set(d.orderId, {
      orderId: d.orderId, version: e.streamVersion, placedAt: d.occurredAt, promisedBy: d.promisedBy, route,
      stage: 'handoff', stageStartedAt: d.occurredAt, lastNewsAt: d.occurredAt, delayActive: false, promiseBroken: false,
    });
    learner.begin(d.orderId, 'handoff', route, Date.parse(d.occurredAt));
    return 'opened';
  }
  const o = orders.get(e.data.orderId);
  if (!o || e.streamVersion <= o.version) return 'ignored';
  o.version = e.streamVersion;
  switch (e.type) {
    case 'DelayPredicted': o.delayActive = true; return 'system';
    case 'DelayCleared': o.delayActive = false; o.announcedExpected = e.data.newExpected; return 'system';
    case 'PromiseBroken': o.promiseBroken = true; return 'system';
    case 'EtaRevised': o.announcedExpected = e.data.newExpected; return 'system';
    default: break;
  }
  const at = e.data.occurredAt;
  o.lastNewsAt = later(o.lastNewsAt, at);
  const milestone = MILESTONE_OF[e.type];
  if (e.type === 'HandedToCarrier' && o.stage === 'handoff') {
    learner.observe('handoff', o.route, Date.parse(at) - Date.parse(o.placedAt), Date.parse(at), o.orderId);
    o.stage = 'transit';
    o.stageStartedAt = at;
    if (e.data.carrier) o.route = { ...o.route, carrier: e.data.carrier };
    learner.begin(o.orderId, 'transit', o.route, Date.parse(at));
  } else if (o.stage === 'handoff' && milestone && isWithCarrier(e.type)) {
    o.stage = 'transit'; // a carrier scan without a hand-over scan: the parcel is moving, but the hand-over time is unknown
    o.stageStartedAt = at;
    learner.end(o.orderId); // neither stage's duration is known exactly: no censored evidence either
  }
  if (milestone && TERMINAL.has(milestone)) {
    if (e.type === 'Delivered' && o.stage === 'transit' && o.stageStartedAt !== at) {
      learner.observe('transit', o.route, Date.parse(at) - Date.parse(o.stageStartedAt), Date.parse(at), o.orderId);
    }
    learner.end(o.orderId); // canceled, lost or returned: it stops being evidence of a long stage
    orders.delete(o.orderId);
    return 'closed';
  }
  return 'moved';
}

function isWithCarrier(type: OrderEvent['type']): boolean {
  return type === 'InTransit' || type === 'OutForDelivery' || type === 'DeliveryAttemptFailed' || type === 'ArrivedAtPickupPoint';
}
