import fc from 'fast-check';
import { type ActionChoice, CUSTOMER_ACTION_TYPES, decide, DomainError, evolve, initialOrder, offeredActions, type Order, type OrderEvent } from '@ot/domain';
import { partnerEvent, placed } from '@ot/testing';

const offers = { days: ['2026-01-14'], pickupPoints: [{ pointId: 'pp-1', address: 'Rua A, 1' }] };
const choiceOf = (type: (typeof CUSTOMER_ACTION_TYPES)[number]): ActionChoice =>
  type === 'reschedule-delivery' ? { type, day: '2026-01-14' } : type === 'switch-to-pickup-point' ? { type, pickupPointId: 'pp-1' } : { type };

type Step =
  | { kind: 'scan'; type: string }
  | { kind: 'delay' }
  | { kind: 'request'; type: (typeof CUSTOMER_ACTION_TYPES)[number] }
  | { kind: 'answer'; answer: 'confirmed' | 'refused' };

/** Steps a late order may take: partner scans, delay conclusions, customer requests and partner answers. */
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom('HandedToCarrier', 'OutForDelivery', 'ArrivedAtPickupPoint', 'Delivered').map((type) => ({ kind: 'scan' as const, type })),
  fc.constant({ kind: 'delay' as const }),
  fc.constantFrom(...CUSTOMER_ACTION_TYPES).map((type) => ({ kind: 'request' as const, type })),
  fc.constantFrom('confirmed' as const, 'refused' as const).map((answer) => ({ kind: 'answer' as const, answer })),
);

function run(steps: Step[]): Order {
  let state = evolve(initialOrder(), placed());
  steps.forEach((s, i) => {
    const at = new Date(Date.UTC(2026, 0, 2, i)).toISOString();
    let events: OrderEvent[] = [];
    try {
      if (s.kind === 'scan') {
        const extra =
          s.type === 'ArrivedAtPickupPoint' ? { pickupPoint: { pointId: 'pp-9', address: 'Rua B', storageDeadline: '2026-02-01T00:00:00.000Z' } } : {};
        events = decide({ type: 'RecordPartnerEvent', data: { event: partnerEvent(s.type as 'Delivered', at, extra as never) as never } }, state);
      } else if (s.kind === 'delay') {
        const data = {
          orderId: 'o1',
          reason: 'carrier' as const,
          newExpected: `2026-01-${String(11 + (i % 9)).padStart(2, '0')}`,
          promisedBy: '2026-01-10',
          detectedAt: at,
        };
        events = decide({ type: 'PredictDelay', data }, state);
      } else if (s.kind === 'request') {
        const data = { orderId: 'o1', actionId: `a${i}`, requestId: `r${i}`, requestedBy: 'c1', requestedAt: at, choice: choiceOf(s.type), offers };
        events = decide({ type: 'RequestCustomerAction', data }, state);
      } else if (state.exists) {
        const pending = [...(state.actions?.values() ?? [])].find((a) => a.state === 'requested');
        if (pending) {
          const answer = partnerEvent('CustomerActionAnswered', at, { actionId: pending.actionId, answer: s.answer }, { partner: pending.partner });
          events = decide({ type: 'RecordPartnerEvent', data: { event: answer as never } }, state);
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // a refused step leaves the order as it was
    }
    state = events.reduce(evolve, state);
  });
  return state;
}

describe('customer actions: GET offers exactly what POST accepts', () => {
  it('for any history of scans, delays, requests and answers', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const state = run(steps);
        if (!state.exists) return;
        const offered = offeredActions(state, offers).map((o) => o.type);
        for (const type of CUSTOMER_ACTION_TYPES) {
          const request = {
            orderId: 'o1',
            actionId: 'a-new',
            requestId: 'r-new',
            requestedBy: 'c1',
            requestedAt: '2026-01-09T00:00:00.000Z',
            choice: choiceOf(type),
            offers,
          };
          let accepted = true;
          try {
            decide({ type: 'RequestCustomerAction', data: request }, state);
          } catch (error) {
            if (!(error instanceof DomainError) || error.code !== 'ACTION_NOT_ALLOWED') throw error;
            accepted = false;
          }
          expect([type, offered.includes(type)]).toEqual([type, accepted]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
