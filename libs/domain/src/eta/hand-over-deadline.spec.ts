import { CALENDAR_TIME, EtaLearner, type EtaRoute, LeadFeature, predictEta } from '@ot/domain';

const DAY = 86_400_000;
const route: EtaRoute = { origin: { state: 'SP', zipPrefix: '01310' }, destination: { state: 'RJ', zipPrefix: '20040' }, seller: 's1' };
const T0 = Date.parse('2017-03-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** A learner that saw 2..4-day hand-overs and 5-day transits; a deadline feature taught that a later deadline means a later hand-over. */
function taught(): { learner: EtaLearner; handOverLead: LeadFeature } {
  const learner = new EtaLearner();
  const handOverLead = new LeadFeature(30);
  for (let i = 0; i < 300; i++) {
    const done = T0 + i * 3_600_000;
    learner.observe('handoff', route, (2 + (i % 3)) * DAY, done);
    learner.observe('transit', route, 5 * DAY, done);
    const spread = { atMs: done - 6 * DAY, lowerMs: done - 3 * DAY, medianMs: done - 3 * DAY, upperMs: done - 3 * DAY };
    const long = i % 2 === 0;
    handOverLead.record(spread, LeadFeature.leadOf(spread, done + (long ? 6 : 0) * DAY)!, done - (long ? 1 : 4) * DAY);
  }
  return { learner, handOverLead };
}

describe("ETA model: the seller's hand-over deadline", () => {
  const { learner, handOverLead } = taught();
  const at = T0 + 20 * DAY;
  const order = (deadlineDays?: number) =>
    ({
      route,
      stage: 'handoff',
      stageStartedAt: iso(at),
      promisedBy: '2017-04-30',
      ...(deadlineDays !== undefined && { handOverBy: iso(at + deadlineDays * DAY) }),
    }) as const;

  it('forecasts an order with a later deadline later, one with an earlier deadline earlier, and reads it against the hand-over alone', () => {
    const late = predictEta(learner, order(12), iso(at), CALENDAR_TIME, { handOverLead });
    const early = predictEta(learner, order(1), iso(at), CALENDAR_TIME, { handOverLead });
    const none = predictEta(learner, order(), iso(at), CALENDAR_TIME, { handOverLead });
    expect(late.spread.medianMs).toBeGreaterThan(none.spread.medianMs);
    expect(early.spread.medianMs).toBeLessThan(none.spread.medianMs);
    expect(late.handOverLead).toBeGreaterThan(0);
    expect(late.handOverSpread!.medianMs - late.handOverSpread!.atMs).toBeLessThan(5 * DAY); // the hand-over's median, not the delivery's
    expect(none).not.toHaveProperty('handOverLead');
  });

  it('ignores a deadline beyond the promised day, and changes nothing once handed over or without the feature', () => {
    const beyond = predictEta(learner, order(400), iso(at), CALENDAR_TIME, { handOverLead });
    expect(beyond.handOverLead).toBeNull();
    expect(beyond.spread).toEqual(predictEta(learner, order(), iso(at), CALENDAR_TIME, { handOverLead }).spread);
    const off = predictEta(learner, order(12), iso(at), CALENDAR_TIME);
    expect(off.spread).toEqual(predictEta(learner, order(), iso(at), CALENDAR_TIME).spread);
    const transit = predictEta(learner, { ...order(12), stage: 'transit' }, iso(at), CALENDAR_TIME, { handOverLead });
    expect(transit).not.toHaveProperty('handOverLead');
  });

  it('keeps the feature read at the first forecast', () => {
    const first = predictEta(learner, order(12), iso(at), CALENDAR_TIME, { handOverLead });
    const kept = { ...order(12), handOverLead: first.handOverLead, handOverSpread: first.handOverSpread };
    const later = predictEta(learner, kept, iso(at + DAY), CALENDAR_TIME, { handOverLead });
    expect(later.handOverLead).toBe(first.handOverLead);
    expect(later.handOverSpread).toBe(first.handOverSpread);
  });
});
