import { backoffChain, BusinessTime, EtaLearner, type EtaRoute, epochOfLocal, localDateOf, predictEta, weekdaysExcept } from '@ot/domain';

const DAY = 86_400_000;
const TZ = 'America/Sao_Paulo';
const place = { state: 'SP', zipPrefix: '01310' };
const route = (seller?: string): EtaRoute => ({ origin: place, destination: { state: 'RJ', zipPrefix: '20040' }, ...(seller && { seller }) });

describe('ETA model: the seller key', () => {
  it('ends the handoff chain in the seller, below its place; transit is unchanged', () => {
    expect(backoffChain('handoff', route('s1')).at(-1)).toBe('handoff/o:SP:01310|s:s1');
    expect(backoffChain('handoff', route('s1')).slice(0, -1)).toEqual(backoffChain('handoff', route()));
    expect(backoffChain('transit', route('s1'))).toEqual(backoffChain('transit', route()));
  });

  it("a seller's own hand-over times speak for it against its neighbours at the same zip", () => {
    const l = new EtaLearner();
    const t0 = Date.parse('2017-03-01T12:00:00Z');
    for (let i = 0; i < 200; i++) l.observe('handoff', route('slow'), 6 * DAY, t0 + i * 3_600_000);
    for (let i = 0; i < 200; i++) l.observe('handoff', route('fast'), 1 * DAY, t0 + i * 3_600_000);
    const at = t0 + 10 * DAY;
    const median = (r: EtaRoute): number => l.estimate('handoff', r, at).dist.findIndex((_, j, d) => d.slice(0, j + 1).reduce((a, b) => a + b) >= 0.5) / 2;
    expect(median(route('slow'))).toBeGreaterThan(5);
    expect(median(route('fast'))).toBeLessThan(1.5);
  });
});

describe('ETA model: business days', () => {
  it('counts two business days over a weekend: a Friday parcel is forecast for Tuesday, not Sunday', () => {
    const time = new BusinessTime(weekdaysExcept(new Set()), TZ);
    const l = new EtaLearner();
    // deliveries that took exactly two business days, handed over on Mondays to Wednesdays at 10:00
    for (let w = 0; w < 20; w++) {
      for (const day of ['2017-03-06', '2017-03-07', '2017-03-08']) {
        const start = epochOfLocal(`${day}T10:00:00`, TZ) - w * 7 * DAY;
        const end = start + 2 * DAY;
        l.observe('transit', route(), time.toModel(end) - time.toModel(start), time.toModel(end));
      }
    }
    const friday = new Date(epochOfLocal('2017-03-10T10:00:00', TZ)).toISOString();
    const p = predictEta(l, { route: route(), stage: 'transit', stageStartedAt: friday }, friday, time);
    expect(p.expected).toBe('2017-03-14');
    expect(p.days).toBe('business');
    expect(localDateOf(Date.parse(friday), TZ)).toBe('2017-03-10');
  });
});
