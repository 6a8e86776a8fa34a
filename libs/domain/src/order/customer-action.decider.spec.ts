import { type ActionChoice, evolve, type ExistingOrder, initialOrder, offeredActions, type OrderEvent, requestOvertaken } from '@ot/domain';
import { given, partnerEvent, placed } from '@ot/testing';

const offers = { days: ['2026-01-14', '2026-01-15'], pickupPoints: [{ pointId: 'pp-1', address: 'Rua A, 1' }] };
const request = (choice: ActionChoice, requestId = `r-${choice.type}`) => ({
  type: 'RequestCustomerAction' as const,
  data: { orderId: 'o1', actionId: `a-${requestId}`, requestId, requestedBy: 'c1', requestedAt: '2026-01-09T12:00:00.000Z', choice, offers },
});
const requested = (choice: ActionChoice, action: object, partner?: string, requestId = `r-${choice.type}`): OrderEvent =>
  ({
    type: 'CustomerActionRequested',
    data: {
      orderId: 'o1',
      actionId: `a-${requestId}`,
      requestId,
      requestedBy: 'c1',
      requestedAt: '2026-01-09T12:00:00.000Z',
      action,
      ...(partner && { partner }),
    },
  }) as OrderEvent;
const answer = (
  actionId: string,
  value: 'confirmed' | 'refused',
  partner: 'courier' | 'warehouse' | 'pickup-point' = 'courier',
  id = `ans-${actionId}-${value}`,
) => partnerEvent('CustomerActionAnswered', '2026-01-09T13:00:00.000Z', { actionId, answer: value }, { partner, partnerEventId: id });

const delay: OrderEvent = {
  type: 'DelayPredicted',
  data: { orderId: 'o1', reason: 'carrier', newExpected: '2026-01-13', promisedBy: '2026-01-10', detectedAt: '2026-01-08T00:00:00.000Z' },
};
const handedOver = partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', {}, { partner: 'warehouse' });
const delivered = partnerEvent('Delivered', '2026-01-12T10:00:00.000Z');
const atPickupPoint = partnerEvent('ArrivedAtPickupPoint', '2026-01-11T10:00:00.000Z', {
  pickupPoint: { pointId: 'pp-9', address: 'Rua B', storageDeadline: '2026-01-20T00:00:00.000Z' },
});
const reschedule: ActionChoice = { type: 'reschedule-delivery', day: '2026-01-14' };
const rescheduled = requested(reschedule, { type: 'reschedule-delivery', day: '2026-01-14' }, 'courier');

describe('customer actions: the decider', () => {
  describe('allowed on a delayed order', () => {
    it('accepts the new date, confirmed at once (no partner to ask)', () => {
      given(placed(), delay)
        .when(request({ type: 'accept-new-date' }))
        .then([requested({ type: 'accept-new-date' }, { type: 'accept-new-date', newDate: '2026-01-13' })]);
    });
    it('reschedules to a day the courier offers, passed to the courier', () => {
      given(placed(), handedOver, delay).when(request(reschedule)).then([rescheduled]);
    });
    it('switches to a listed pickup point, passed to the pickup-point partner', () => {
      given(placed(), handedOver, delay)
        .when(request({ type: 'switch-to-pickup-point', pickupPointId: 'pp-1' }))
        .then([
          requested(
            { type: 'switch-to-pickup-point', pickupPointId: 'pp-1' },
            { type: 'switch-to-pickup-point', pickupPoint: { pointId: 'pp-1', address: 'Rua A, 1' } },
            'pickup-point',
          ),
        ]);
    });
    it('cancels before hand-off, passed to the warehouse', () => {
      given(placed(), delay)
        .when(request({ type: 'cancel' }))
        .then([requested({ type: 'cancel' }, { type: 'cancel' }, 'warehouse')]);
    });
    it('offers the actions of a late order (promise broken) too', () => {
      const broken: OrderEvent = { type: 'PromiseBroken', data: { orderId: 'o1', promisedBy: '2026-01-10', detectedAt: '2026-01-11T03:00:00.000Z' } };
      given(placed(), handedOver, broken).when(request(reschedule)).then([rescheduled]);
    });
    it('accepts the day the broken-promise message named, not the earlier delay date it replaced', () => {
      const broken: OrderEvent = {
        type: 'PromiseBroken',
        data: { orderId: 'o1', promisedBy: '2026-01-10', detectedAt: '2026-01-11T03:00:00.000Z', newExpected: '2026-01-15' },
      };
      given(placed(), delay, broken)
        .when(request({ type: 'accept-new-date' }))
        .then([requested({ type: 'accept-new-date' }, { type: 'accept-new-date', newDate: '2026-01-15' })]);
    });
  });

  describe('refused with a reason', () => {
    it.each([
      ['an on-track order', [placed(), handedOver], reschedule, 'ACTION_NOT_ALLOWED'],
      ['a reschedule of a delivered order', [placed(), handedOver, delay, delivered], reschedule, 'ACTION_NOT_ALLOWED'],
      ['a cancel after hand-off', [placed(), handedOver, delay], { type: 'cancel' }, 'ACTION_NOT_ALLOWED'],
      ['a reschedule at a pickup point', [placed(), handedOver, delay, atPickupPoint], reschedule, 'ACTION_NOT_ALLOWED'],
      ['a day the courier does not offer', [placed(), handedOver, delay], { type: 'reschedule-delivery', day: '2026-01-30' }, 'ACTION_NOT_ALLOWED'],
      ['a point not listed', [placed(), handedOver, delay], { type: 'switch-to-pickup-point', pickupPointId: 'pp-x' }, 'ACTION_NOT_ALLOWED'],
      [
        'a second reschedule while the first waits for the courier',
        [placed(), handedOver, delay, rescheduled],
        { type: 'reschedule-delivery', day: '2026-01-15' },
        'ACTION_NOT_ALLOWED',
      ],
      [
        'anything once a cancel is requested',
        [placed(), delay, requested({ type: 'cancel' }, { type: 'cancel' }, 'warehouse')],
        { type: 'accept-new-date' },
        'ACTION_NOT_ALLOWED',
      ],
      ['an order never placed', [], reschedule, 'ORDER_NOT_FOUND'],
    ] as const)('%s', (_label, history, choice, code) => {
      given(...(history as readonly OrderEvent[]))
        .when(request(choice as ActionChoice, 'r-new'))
        .thenThrows(code);
    });

    it('accepting the same new date twice', () => {
      const accepted = requested({ type: 'accept-new-date' }, { type: 'accept-new-date', newDate: '2026-01-13' });
      given(placed(), delay, accepted)
        .when(request({ type: 'accept-new-date' }, 'r-again'))
        .thenThrows('ACTION_NOT_ALLOWED');
    });
  });

  describe('idempotent on the request id', () => {
    it('answers a retry of the same request with nothing new, even after the partner answered', () => {
      given(placed(), handedOver, delay, rescheduled).when(request(reschedule)).then([]);
      given(placed(), handedOver, delay, rescheduled, answer('a-r-reschedule-delivery', 'confirmed')).when(request(reschedule)).then([]);
    });
    it('refuses the request id reused for another choice', () => {
      given(placed(), handedOver, delay, rescheduled)
        .when(request({ type: 'reschedule-delivery', day: '2026-01-15' }, 'r-reschedule-delivery'))
        .thenThrows('REQUEST_ID_CONFLICT');
    });
    it('lets the customer ask again once the courier refused', () => {
      const next = request({ type: 'reschedule-delivery', day: '2026-01-15' }, 'r-2');
      given(placed(), handedOver, delay, rescheduled, answer('a-r-reschedule-delivery', 'refused'))
        .when(next)
        .then([requested({ type: 'reschedule-delivery', day: '2026-01-15' }, { type: 'reschedule-delivery', day: '2026-01-15' }, 'courier', 'r-2')]);
    });
  });

  describe("the partner's answer", () => {
    const record = (event: OrderEvent) => ({ type: 'RecordPartnerEvent' as const, data: { event: event as never } });
    it('records a confirmation by the partner asked, even once the order is delivered', () => {
      const confirmed = answer('a-r-reschedule-delivery', 'confirmed');
      given(placed(), handedOver, delay, rescheduled).when(record(confirmed)).then([confirmed]);
      given(placed(), handedOver, delay, rescheduled, delivered).when(record(confirmed)).then([confirmed]);
    });
    it('takes the same answer again (another event id) as a retry, and refuses a change of mind', () => {
      const confirmed = answer('a-r-reschedule-delivery', 'confirmed');
      given(placed(), handedOver, delay, rescheduled, confirmed)
        .when(record(answer('a-r-reschedule-delivery', 'confirmed', 'courier', 'other')))
        .then([]);
      given(placed(), handedOver, delay, rescheduled, confirmed)
        .when(record(answer('a-r-reschedule-delivery', 'refused')))
        .thenThrows('ACTION_NOT_ALLOWED');
    });
    it('refuses an answer from a partner not asked, and one for an unknown action', () => {
      given(placed(), handedOver, delay, rescheduled)
        .when(record(answer('a-r-reschedule-delivery', 'confirmed', 'warehouse')))
        .thenThrows('ACTION_NOT_ALLOWED');
      given(placed(), handedOver, delay)
        .when(record(answer('a-unknown', 'confirmed')))
        .thenThrows('ACTION_NOT_FOUND');
    });
  });
});

describe('customer actions: what GET /orders/:id/actions offers', () => {
  const stateOf = (...events: OrderEvent[]) => {
    const s = events.reduce(evolve, initialOrder());
    if (!s.exists) throw new Error('no order');
    return s;
  };
  const typesOf = (...events: OrderEvent[]) => offeredActions(stateOf(...events), offers).map((o) => o.type);

  it('offers every action the decider would accept, with the choices, and nothing on an on-track order', () => {
    expect(offeredActions(stateOf(placed(), delay), offers)).toEqual([
      { type: 'accept-new-date' },
      { type: 'reschedule-delivery', days: offers.days },
      { type: 'switch-to-pickup-point', pickupPoints: offers.pickupPoints },
      { type: 'cancel' },
    ]);
    expect(typesOf(placed(), handedOver, delay)).toEqual(['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point']);
    expect(typesOf(placed(), handedOver)).toEqual([]);
    expect(typesOf(placed(), handedOver, delay, delivered)).toEqual([]);
  });

  it('leaves out an action with nothing to choose from', () => {
    expect(offeredActions(stateOf(placed(), handedOver, delay), { days: [], pickupPoints: [] }).map((o) => o.type)).toEqual(['accept-new-date']);
  });
});

describe('customer actions: a request still on its way, re-driven by ops', () => {
  const fold = (...events: OrderEvent[]) => events.reduce(evolve, initialOrder()) as ExistingOrder;
  it('is still worth sending while the order is open and the partner has not answered', () => {
    expect(requestOvertaken(fold(placed(), handedOver, delay, rescheduled), 'a-r-reschedule-delivery')).toBeUndefined();
  });
  it('is overtaken once the partner has answered it, or once the order has ended', () => {
    expect(requestOvertaken(fold(placed(), handedOver, delay, rescheduled, answer('a-r-reschedule-delivery', 'refused')), 'a-r-reschedule-delivery')).toContain(
      'answered',
    );
    expect(requestOvertaken(fold(placed(), handedOver, delay, rescheduled, delivered), 'a-r-reschedule-delivery')).toContain('Delivered');
  });
});
