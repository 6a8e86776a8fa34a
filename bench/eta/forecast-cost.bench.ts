/**
 * node dist/bench/eta/forecast-cost.bench.js [forecasts]
 *
 * CPU per forecast with and without the layers beside the learner (PromiseLead, EtaEffects), both fed so
 * that every forecast finds its seller's and city's effects and the promise's slope (the eta-tick
 * fixture has no seller and scores no delivery, so there the layers find nothing). Runs the two
 * alternately in one process, five rounds, and prints microseconds per forecast for each.
 */
import { CALENDAR_TIME, EtaEffects, EtaLearner, type EtaRoute, predictEta, PromiseLead } from '@ot/domain';

const DAY = 86_400_000;
const T0 = Date.parse('2018-01-01T12:00:00Z');
const routes: EtaRoute[] = Array.from({ length: 500 }, (_, i) => ({
  origin: { state: 'SP', zipPrefix: `0${1000 + (i % 50)}` },
  destination: { state: ['RJ', 'MG', 'BA', 'RS'][i % 4], city: `city-${i % 100}`, zipPrefix: `${20000 + i * 7}` },
  seller: `seller-${i % 200}`,
}));

function fed(): { learner: EtaLearner; promiseLead: PromiseLead; effects: EtaEffects } {
  const learner = new EtaLearner();
  const promiseLead = new PromiseLead(30);
  const effects = new EtaEffects(30, 10);
  for (let i = 0; i < 20_000; i++) {
    const route = routes[i % routes.length];
    const done = T0 - 60 * DAY + i * 3_000_000;
    learner.observe('handoff', route, (1 + (i % 5)) * DAY, done);
    learner.observe('transit', route, (3 + (i % 9)) * DAY, done);
    const spread = { atMs: done - 10 * DAY, lowerMs: done - 4 * DAY, medianMs: done - 2 * DAY, upperMs: done + 3 * DAY };
    promiseLead.record(spread, (i % 7) / 5, done);
    effects.record('handoff', route, spread, done);
    effects.record('transit', route, spread, done);
  }
  return { learner, promiseLead, effects };
}

function round(n: number, withLayers: boolean, m: ReturnType<typeof fed>): number {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const route = routes[i % routes.length];
    const stage = i % 2 ? 'transit' : 'handoff';
    const order = { route, stage, stageStartedAt: new Date(T0 - (i % 10) * DAY).toISOString(), promisedBy: '2018-01-20', lead: (i % 9) / 6 } as const;
    predictEta(m.learner, order, new Date(T0).toISOString(), CALENDAR_TIME, withLayers ? { promiseLead: m.promiseLead, effects: m.effects } : {});
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

const n = Number(process.argv[2] ?? 200_000);
const m = fed();
round(n / 4, true, m); // warm-up
const out: { without: number[]; with: number[] } = { without: [], with: [] };
for (let r = 0; r < 5; r++) {
  out.without.push(round(n, false, m));
  out.with.push(round(n, true, m));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const us = (x: number): number => Math.round(x * 1000) / 1000;
console.log(JSON.stringify({ forecasts: n, us_per_forecast_without: us(median(out.without)), us_per_forecast_with: us(median(out.with)), rounds: out }));
