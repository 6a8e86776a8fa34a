/** Partner payloads exactly as the contract in docs/WEBHOOKS.md describes them. */
let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export const newOrderId = (): string => nextId('ord');

export function orderPlaced(orderId: string, customerId = 'c1', occurredAt = '2026-01-01T10:00:00Z') {
  return {
    eventId: nextId('wh'),
    event: 'order.placed',
    orderId,
    occurredAt,
    customerId,
    promisedDate: '2026-01-10',
    origin: { zip: '01310-100', city: 'São Paulo', state: 'SP' },
    destination: { zip: '20040-002', city: 'Rio de Janeiro', state: 'RJ' },
    itemCount: 1,
  };
}

export function warehouse(orderId: string, event: string, occurredAt: string, extra: Record<string, unknown> = {}) {
  return { eventId: nextId('wh'), event, orderId, occurredAt, ...extra };
}

export function courier(orderId: string, status: string, timestamp: string, extra: Record<string, unknown> = {}) {
  return { trackingEventId: nextId('trk'), shipmentRef: orderId, status, timestamp, ...extra };
}

export function pickupPoint(orderId: string, kind: string, at: string, extra: Record<string, unknown> = {}) {
  return { id: nextId('pp'), orderId, kind, at, ...extra };
}
