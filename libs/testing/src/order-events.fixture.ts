import type { RecordedEvent } from '@ot/application';
import type { OrderEvent, OrderPlaced, PartnerEvent } from '@ot/domain';

/** Small builders so tests read as a story, not as JSON. */
export function placed(orderId = 'o1', overrides: Partial<OrderPlaced['data']> = {}): OrderPlaced {
  return {
    type: 'OrderPlaced',
    data: {
      orderId,
      partner: 'warehouse',
      partnerEventId: `${orderId}-placed`,
      occurredAt: '2026-01-01T10:00:00.000Z',
      customerId: 'c1',
      promisedBy: '2026-01-10',
      origin: { zipPrefix: '01000', state: 'SP', city: 'sao paulo' },
      destination: { zipPrefix: '20000', state: 'RJ', city: 'rio de janeiro' },
      ...overrides,
    },
  };
}

type Extra<T extends PartnerEvent['type']> = Omit<Extract<PartnerEvent, { type: T }>['data'], 'orderId' | 'partner' | 'partnerEventId' | 'occurredAt'>;

export function partnerEvent<T extends PartnerEvent['type']>(
  type: T,
  occurredAt: string,
  extra: Extra<T> = {} as Extra<T>,
  ids: { orderId?: string; partnerEventId?: string; partner?: 'warehouse' | 'courier' | 'pickup-point' } = {},
): OrderEvent {
  const orderId = ids.orderId ?? 'o1';
  return {
    type,
    data: {
      orderId,
      partner: ids.partner ?? 'courier',
      partnerEventId: ids.partnerEventId ?? `${orderId}-${type}-${occurredAt}`,
      occurredAt,
      ...extra,
    },
  } as OrderEvent;
}

/** A whole delivery, one event per version: placed, handed over, out for delivery, delivered (three notifications with the simple policy). */
export function deliveredOrder(orderId: string): OrderEvent[] {
  return [
    placed(orderId),
    partnerEvent('HandedToCarrier', '2026-01-02T09:00:00.000Z', {}, { orderId }),
    partnerEvent('OutForDelivery', '2026-01-03T09:00:00.000Z', {}, { orderId }),
    partnerEvent('Delivered', '2026-01-03T15:00:00.000Z', {}, { orderId }),
  ];
}

/** Numbers events as a store would: per-stream versions and one global position from 1. */
export function recorded(...events: OrderEvent[]): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.data.orderId) ?? 0) + 1;
    versions.set(event.data.orderId, streamVersion);
    return { ...event, streamId: `order-${event.data.orderId}`, streamVersion, globalPosition: i + 1, recordedAt: '2026-01-01T00:00:00.000Z' };
  });
}
