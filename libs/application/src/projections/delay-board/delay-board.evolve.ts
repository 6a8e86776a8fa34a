import {
  type CalendarDate,
  delayStateOf,
  isPartnerEvent,
  isStale,
  localDateOf,
  MILESTONE_OF,
  type Milestone,
  type OrderEvent,
  type OrderPlaced,
} from '@ot/domain';
import type { RecordedEvent } from '../../ports/event-store.port';
import { regionOf } from './brazil-region';
import type { BoardRow, BoardStage } from './delay-board.row';

const STAGE_OF: Readonly<Record<Milestone, BoardStage>> = {
  Placed: 'waiting-for-handoff',
  PaymentApproved: 'waiting-for-handoff',
  Packed: 'waiting-for-handoff',
  HandedToCarrier: 'in-transit',
  InTransit: 'in-transit',
  DeliveryAttemptFailed: 'in-transit',
  OutForDelivery: 'out-for-delivery',
  ArrivedAtPickupPoint: 'at-pickup-point',
  PickedUp: 'delivered',
  Delivered: 'delivered',
  ReturnedToSender: 'returned',
  Canceled: 'canceled',
};

export const stageOf = (milestone: Milestone): BoardStage => STAGE_OF[milestone];

/**
 * Row plus the instant of the event that set its status (a scan older than it is a late scan) and
 * the calendar days (in the promise's time zone) the aggregates group by.
 */
export type BoardDoc = BoardRow & {
  statusAt: string;
  placedDay: CalendarDate;
  handedDay?: CalendarDate;
  deliveredDay?: CalendarDate;
  firstAlertDay?: CalendarDate;
  brokenDay?: CalendarDate;
};

/**
 * The delay board as a pure fold over one order's events. Replays (version at or below the
 * row's) return the row unchanged. `timeZone` turns instants into the calendar days promises use.
 */
export function evolveBoardRow(row: BoardDoc | null, e: RecordedEvent<OrderEvent>, timeZone: string): BoardDoc | null {
  if (row && e.streamVersion <= row.version) return row;
  if (e.type === 'OrderPlaced') return row ? row : opened(e, e.streamVersion, timeZone);
  if (!row) return null;
  const next = withFacts({ ...row, version: e.streamVersion }, e);
  const dayOf = (at: string | undefined) => (at ? localDateOf(Date.parse(at), timeZone) : undefined);
  const days = {
    handedDay: dayOf(next.handedAt),
    deliveredDay: dayOf(next.deliveredAt),
    firstAlertDay: dayOf(next.firstAlertAt),
    brokenDay: dayOf(next.promiseBrokenAt),
  };
  // the domain's one rule, as GET /orders/:id and the messages use it
  return { ...next, ...days, delayState: delayStateOf({ status: next.status, delayActive: next.delayActive, promiseBroken: next.promiseBroken }) };
}

function opened(e: Extract<OrderEvent, { type: 'OrderPlaced' }>, version: number, timeZone: string): BoardDoc {
  const d: OrderPlaced['data'] = e.data;
  const originState = d.origin.state ?? '?';
  const destinationState = d.destination.state ?? '?';
  return {
    orderId: d.orderId,
    customerId: d.customerId,
    version,
    status: 'Placed',
    stage: 'waiting-for-handoff',
    open: true,
    stageSince: d.occurredAt,
    statusAt: d.occurredAt,
    lastScanAt: d.occurredAt,
    placedAt: d.occurredAt,
    placedDay: localDateOf(Date.parse(d.occurredAt), timeZone),
    promisedBy: d.promisedBy,
    delayActive: false,
    promiseBroken: false,
    alerts: 0,
    originState,
    originCity: d.origin.city ?? '?',
    destinationState,
    destinationRegion: regionOf(destinationState),
    carrier: 'unassigned',
    partner: d.partner,
    lateScans: 0,
    delayState: 'on-track',
  };
}

function withFacts(row: BoardDoc, e: RecordedEvent<OrderEvent>): BoardDoc {
  switch (e.type) {
    case 'DelayPredicted': {
      const at = e.data.detectedAt;
      return { ...row, delayActive: true, reason: e.data.reason, expected: e.data.newExpected, alerts: row.alerts + 1, firstAlertAt: row.firstAlertAt ?? at };
    }
    case 'DelayCleared':
      return { ...row, delayActive: false, reason: undefined, expected: e.data.newExpected };
    case 'PromiseBroken':
      return { ...row, promiseBroken: true, promiseBrokenAt: row.promiseBrokenAt ?? e.data.detectedAt };
    case 'EtaRevised':
      return { ...row, expected: e.data.newExpected };
    case 'DelayReported':
      return { ...row, reason: e.data.reason, lastScanAt: laterOf(row.lastScanAt, e.data.occurredAt), partner: e.data.partner };
    case 'StorageExpired': {
      // the pickup point sends it back: closed as returned, as if the point had scanned it
      const { orderId, occurredAt } = e.data;
      return scanned(row, {
        ...e,
        type: 'ReturnedToSender',
        data: { orderId, occurredAt, partner: 'pickup-point', partnerEventId: `storage-expired@${occurredAt}` },
      });
    }
    default:
      return scanned(row, e);
  }
}

function scanned(row: BoardDoc, e: RecordedEvent<OrderEvent>): BoardDoc {
  if (!isPartnerEvent(e) || e.type === 'OrderPlaced') return row;
  const milestone = MILESTONE_OF[e.type];
  if (!milestone) return row;
  const at = e.data.occurredAt;
  const base = { ...row, lastScanAt: laterOf(row.lastScanAt, at), partner: e.data.partner };
  if (isStale(at, row.statusAt)) return { ...base, lateScans: row.lateScans + 1 }; // history only: status unmoved
  const stage = stageOf(milestone);
  const next: BoardDoc = {
    ...base,
    status: milestone,
    statusAt: at,
    stage,
    stageSince: stage === row.stage ? row.stageSince : at,
  };
  if (e.type === 'HandedToCarrier') {
    next.handedAt = next.handedAt ?? at;
    next.carrier = e.data.carrier ?? e.data.partner;
  } else if (stage !== 'waiting-for-handoff' && row.carrier === 'unassigned') {
    next.carrier = e.data.partner; // a carrier scan without a hand-over scan: the scanning partner carries it
  }
  if (stage === 'delivered') next.deliveredAt = at;
  if (stage === 'delivered' || stage === 'canceled' || stage === 'returned') {
    next.open = false;
    next.closedAt = at;
  }
  return next;
}

const laterOf = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);
