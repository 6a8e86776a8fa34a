import { MILESTONE_OF, type OrderEvent } from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import type { StatusView, TimelineEntry } from './status.view';

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
      delay: { isDelayed: false, atRisk: false, promiseBroken: false },
      version: event.streamVersion,
    };
  }
  if (!doc) return null; // only OrderPlaced opens a stream
  const next: StatusView = { ...doc, version: event.streamVersion };
  switch (event.type) {
    case 'DelayPredicted':
      return { ...next, delay: { ...doc.delay, isDelayed: true, atRisk: true, reason: event.data.reason, newExpected: event.data.newExpected } };
    case 'DelayCleared':
      return { ...next, delay: { ...doc.delay, isDelayed: false, atRisk: false, reason: undefined, newExpected: undefined } };
    case 'PromiseBroken':
      return { ...next, delay: { ...doc.delay, promiseBroken: true } };
    case 'EtaRevised':
      return next;
    default:
      return applyPartnerEvent(next, event);
  }
}

function applyPartnerEvent(doc: StatusView, event: RecordedEvent<OrderEvent>): StatusView {
  if (!('partner' in event.data)) return doc;
  const d = event.data;
  const milestone = MILESTONE_OF[event.type as keyof typeof MILESTONE_OF];
  const late = Date.parse(d.occurredAt) < Date.parse(doc.statusAt);
  const entry: TimelineEntry = { type: event.type, milestone, occurredAt: d.occurredAt, partner: d.partner, late };
  if ('location' in d) entry.location = d.location;
  if ('reason' in d && d.reason) entry.reason = d.reason;
  const timeline = [...doc.timeline, entry].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let next: StatusView = { ...doc, timeline };
  if (event.type === 'DelayReported') {
    next = { ...next, delay: { ...doc.delay, atRisk: true, reason: event.data.reason } };
  }
  if (late || !milestone) return next;
  next = { ...next, status: milestone, statusAt: d.occurredAt };
  if (event.type === 'InTransit') next.lastLocation = event.data.location;
  if (event.type === 'ArrivedAtPickupPoint') next.pickupPoint = event.data.pickupPoint;
  return next;
}
