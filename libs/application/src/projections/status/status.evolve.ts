import { evolveAftercareView } from './aftercare.view';
import { delayFlagsOf, isAftercareEvent, isCustomerActionEvent, isStale, MILESTONE_OF, type OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import { evolveActionsView } from './customer-actions.view';
import type { DelayView, StatusView, TimelineEntry } from './status.view';

/**
 * The status read model as a pure fold over one order's events. Replays (an event at or
 * below the version already applied) leave the document as it is, so applying twice is harmless.
 */
export function evolveStatusView(doc: StatusView | null, event: RecordedEvent<OrderEvent>): StatusView | null {
  if (doc && event.streamVersion <= doc.version) return doc;
  if (event.type === 'OrderPlaced') {
    const d = event.data;
    return {
      orderId: d.orderId,
      customerId: d.customerId,
      status: 'Placed',
      statusAt: d.occurredAt,
      placedAt: d.occurredAt,
      promisedBy: d.promisedBy,
      origin: d.origin,
      destination: d.destination,
      timeline: [{ type: event.type, milestone: 'Placed', occurredAt: d.occurredAt, partner: d.partner, late: false }],
      delay: { state: 'on-track', isDelayed: false, atRisk: false, promiseBroken: false },
      version: event.streamVersion,
    };
  }
  if (!doc) return null; // only OrderPlaced opens a stream
  const next = evolveFacts({ ...doc, version: event.streamVersion }, event);
  return { ...next, delay: withFlags(next) };
}

/** The recorded facts; the flags shown are derived from them by the domain's one delay-state rule. */
function evolveFacts(next: StatusView, event: RecordedEvent<OrderEvent>): StatusView {
  if (isCustomerActionEvent(event)) return evolveActionsView(next, event);
  if (isAftercareEvent(event)) return evolveAftercareView(next, event);
  switch (event.type) {
    case 'DelayPredicted':
      return { ...next, delay: { ...next.delay, atRisk: true, reason: event.data.reason, newExpected: event.data.newExpected } };
    case 'DelayCleared':
      return { ...next, delay: { ...next.delay, atRisk: false, reason: undefined, newExpected: undefined } };
    case 'PromiseBroken':
      return { ...next, delay: { ...next.delay, promiseBroken: true } };
    case 'EtaRevised':
      return next;
    default:
      return applyPartnerEvent(next, event);
  }
}

/**
 * atRisk doubles as the "delay predicted and not cleared" fact: it only differs from that fact once
 * the order is late or closed, and those states never depend on it again.
 */
function withFlags(doc: StatusView): DelayView {
  const flags = delayFlagsOf({ status: doc.status, delayActive: doc.delay.atRisk, promiseBroken: doc.delay.promiseBroken });
  const d: DelayView = { ...doc.delay, ...flags };
  // a predicted date means nothing once the order is no longer expected to arrive late or has arrived
  if (!d.isDelayed) {
    d.reason = undefined;
    d.newExpected = undefined;
  }
  return d;
}

function applyPartnerEvent(doc: StatusView, event: RecordedEvent<OrderEvent>): StatusView {
  const d = event.data;
  if (!('occurredAt' in d) || !('partner' in d)) return doc; // a partner's scan: not a customer's action or aftercare
  const milestone = MILESTONE_OF[event.type as keyof typeof MILESTONE_OF];
  const late = isStale(d.occurredAt, doc.statusAt);
  const entry: TimelineEntry = { type: event.type, milestone, occurredAt: d.occurredAt, partner: d.partner, late };
  if ('location' in d) entry.location = d.location;
  if ('reason' in d && d.reason) entry.reason = d.reason;
  const timeline = [...doc.timeline, entry].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let next: StatusView = { ...doc, timeline };
  if (late || !milestone) return next;
  next = { ...next, status: milestone, statusAt: d.occurredAt };
  if (event.type === 'InTransit') next.lastLocation = event.data.location;
  if (event.type === 'ArrivedAtPickupPoint') next.pickupPoint = event.data.pickupPoint;
  return next;
}
