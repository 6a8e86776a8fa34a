import { delayedExpected, delayFlagsOf, MILESTONES, type Milestone } from '@ot/domain';
import fc from 'fast-check';

describe('delay state', () => {
  const facts = (status: Milestone, delayActive = false, promiseBroken = false) => ({ status, delayActive, promiseBroken });

  it('names each state a customer can be in', () => {
    expect(delayFlagsOf(facts('InTransit')).state).toBe('on-track');
    expect(delayFlagsOf(facts('InTransit', true))).toEqual({ state: 'at-risk', isDelayed: true, atRisk: true, promiseBroken: false });
    expect(delayFlagsOf(facts('InTransit', true, true))).toEqual({ state: 'late', isDelayed: true, atRisk: false, promiseBroken: true });
    expect(delayFlagsOf(facts('Delivered', true, true))).toEqual({ state: 'delivered-late', isDelayed: false, atRisk: false, promiseBroken: true });
    expect(delayFlagsOf(facts('Delivered', true))).toEqual({ state: 'on-track', isDelayed: false, atRisk: false, promiseBroken: false });
  });

  it('agree with themselves for every status and fact', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MILESTONES), fc.boolean(), fc.boolean(), (status, delayActive, promiseBroken) => {
        const f = delayFlagsOf(facts(status, delayActive, promiseBroken));
        if (status === 'Delivered' || status === 'PickedUp') expect(f.isDelayed).toBe(false); // what arrived is not delayed
        if (f.promiseBroken) expect(['late', 'delivered-late']).toContain(f.state);
        if (f.atRisk) expect(f.isDelayed && !f.promiseBroken).toBe(true);
        if (promiseBroken && status !== 'Canceled') expect(f.promiseBroken).toBe(true); // a broken promise is never forgotten
      }),
    );
  });

  it('announce a delay for a date after the promise, and after today when a partner reported it', () => {
    expect(delayedExpected('2017-06-05', '2017-06-10', '2017-06-03', false)).toBe('2017-06-11');
    expect(delayedExpected('2017-06-14', '2017-06-10', '2017-06-03', false)).toBe('2017-06-14');
    expect(delayedExpected('2017-06-05', '2017-06-10', '2017-06-12', true)).toBe('2017-06-13');
  });
});
