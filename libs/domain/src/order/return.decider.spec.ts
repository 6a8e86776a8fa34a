import { type OrderEvent, type RecordReturnStage, type RequestReturn, type ReturnEvent } from '@ot/domain';
import { given, partnerEvent, placed } from '@ot/testing';

const DELIVERED_AT = '2026-01-05T10:00:00.000Z';
const delivered = partnerEvent('Delivered', DELIVERED_AT);
const rules = { windowDays: 7, nonReturnableCategories: ['flores'] };
const ask = (occurredAt = '2026-01-08T10:00:00.000Z', requestId = 'r1'): RequestReturn => ({
  type: 'RequestReturn',
  data: { orderId: 'o1', requestId, reason: 'damaged', note: 'box crushed', method: 'courier', occurredAt, rules },
});
const requested = (occurredAt = '2026-01-08T10:00:00.000Z', requestId = 'r1'): ReturnEvent => {
  const { rules: _rules, ...data } = ask(occurredAt, requestId).data;
  return { type: 'ReturnRequested', data };
};
const base = { orderId: 'o1', requestId: 'r1', occurredAt: '2026-01-08T10:00:00.000Z' };
const approved: ReturnEvent = { type: 'ReturnApproved', data: base };
const stage = (event: RecordReturnStage['data']['event']): RecordReturnStage => ({ type: 'RecordReturnStage', data: { orderId: 'o1', event } });
const handedOver: ReturnEvent & RecordReturnStage['data']['event'] = { type: 'ReturnHandedOver', data: { ...base, occurredAt: '2026-01-09T10:00:00.000Z' } };
const received: ReturnEvent & RecordReturnStage['data']['event'] = { type: 'ReturnReceived', data: { ...base, occurredAt: '2026-01-11T10:00:00.000Z' } };
const refunded: ReturnEvent & RecordReturnStage['data']['event'] = {
  type: 'RefundIssued',
  data: { ...base, occurredAt: '2026-01-12T10:00:00.000Z', amount: 129.9, currency: 'BRL', method: 'original-payment' },
};
const history = (...more: OrderEvent[]): OrderEvent[] => [placed(), delivered, ...more];

describe('return decider', () => {
  it('approves a return asked within the window after delivery', () => {
    given(...history())
      .when(ask())
      .then([requested(), approved]);
  });

  it('rejects one asked after the window, saying which rule', () => {
    const late = '2026-01-12T10:00:01.000Z'; // 7 days and a second after delivery
    given(...history())
      .when(ask(late))
      .then([
        requested(late),
        {
          type: 'ReturnRejected',
          data: { ...base, occurredAt: late, rule: 'window-closed', detail: 'returns close 7 days after delivery (2026-01-12T10:00:00.000Z)' },
        },
      ]);
  });

  it('rejects a non-returnable category, and judges an order without a category by the window alone', () => {
    given(placed('o1', { productCategory: 'flores' }), delivered)
      .when(ask())
      .then([requested(), { type: 'ReturnRejected', data: { ...base, rule: 'category-not-returnable', detail: 'flores cannot be returned' } }]);
    given(placed('o1', { productCategory: 'moveis_decoracao' }), delivered)
      .when(ask())
      .then([requested(), approved]);
  });

  it('refuses a return of an order not delivered', () => {
    given(placed()).when(ask()).thenThrows('REQUEST_REFUSED');
  });

  it('answers the same request id with nothing new; refuses a second return while one is open, allows one after a rejection', () => {
    given(...history(requested(), approved))
      .when(ask())
      .then([]);
    given(...history(requested(), approved))
      .when(ask(undefined, 'r2'))
      .thenThrows('REQUEST_REFUSED');
    const rejected: ReturnEvent = { type: 'ReturnRejected', data: { ...base, rule: 'window-closed', detail: 'x' } };
    given(...history(requested(), rejected))
      .when(ask(undefined, 'r2'))
      .then([requested(undefined, 'r2'), { type: 'ReturnApproved', data: { ...base, requestId: 'r2' } }]);
  });

  it('refuses the same request id for another return (a reason or method of its own), at any stage', () => {
    const other = (data: Partial<RequestReturn['data']>): RequestReturn => ({ type: 'RequestReturn', data: { ...ask().data, ...data } });
    given(...history(requested(), approved))
      .when(other({ reason: 'wrong-item' }))
      .thenThrows('REQUEST_ID_CONFLICT');
    given(...history(requested(), approved, handedOver))
      .when(other({ method: 'pickup-point' }))
      .thenThrows('REQUEST_ID_CONFLICT');
    given(...history(requested(), approved, handedOver))
      .when(other({ note: 'typed again' })) // the same return, its note retyped: a retry
      .then([]);
  });

  it('runs handed over, received, refunded in that order, each once', () => {
    given(...history(requested(), approved))
      .when(stage(handedOver))
      .then([handedOver]);
    given(...history(requested(), approved, handedOver))
      .when(stage(received))
      .then([received]);
    given(...history(requested(), approved, handedOver, received))
      .when(stage(refunded))
      .then([refunded]);
    given(...history(requested(), approved, handedOver))
      .when(stage(handedOver))
      .then([]);
  });

  it('refuses a stage out of order, or for another return', () => {
    given(...history(requested(), approved))
      .when(stage(received))
      .thenThrows('REQUEST_REFUSED');
    given(...history(requested(), approved))
      .when(stage(refunded))
      .thenThrows('REQUEST_REFUSED');
    given(...history())
      .when(stage(handedOver))
      .thenThrows('REQUEST_REFUSED');
    given(...history(requested(), approved))
      .when(stage({ ...handedOver, data: { ...handedOver.data, requestId: 'other' } }))
      .thenThrows('REQUEST_REFUSED');
  });
});
