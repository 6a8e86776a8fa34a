import { delayForecastOf, keptForecast, stageSpreadOf, stageSpreadsFrom, withStageSpread } from './kept-forecast';

const prediction = {
  expected: '2026-01-08',
  by: '2026-01-12',
  window: { earliest: '2026-01-06', latest: '2026-01-10' },
  likelyNotBefore: '2026-01-07',
  confidence: 0.873,
  nextEventDueBy: '2026-01-04T17:42:13.512Z',
  predictedAt: '2026-01-02T09:00:00.000Z',
};

describe('an open order’s kept forecast', () => {
  it('gives the delay rules the fields of the prediction it was kept from, instants printed back as they were', () => {
    const kept = keptForecast(prediction, Date.parse(prediction.predictedAt));
    expect(kept).toMatchObject({ earliest: '2026-01-06', latest: '2026-01-10', confidence: 0.873 });
    const { confidence: _c, ...read } = prediction;
    expect(delayForecastOf(kept)).toEqual(read);
  });

  it('keeps the first spread of each stage, none until the stage had one', () => {
    const handoff = { atMs: 1, lowerMs: 2.5, medianMs: 3, upperMs: 4 };
    const transit = { atMs: 10, lowerMs: 20, medianMs: 30.25, upperMs: 40 };
    const spreads = withStageSpread(undefined, 'handoff', handoff);
    expect(stageSpreadOf(spreads, 'handoff')).toEqual(handoff);
    expect(stageSpreadOf(spreads, 'transit')).toBeUndefined();
    withStageSpread(spreads, 'transit', transit);
    expect(stageSpreadOf(spreads, 'transit')).toEqual(transit);
    expect(stageSpreadOf(spreads, 'handoff')).toEqual(handoff);
  });

  it('reads stage spreads saved as this array (NaN as null after JSON) or as an object per stage (states saved before)', () => {
    const handoff = { atMs: 1, lowerMs: 2, medianMs: 3, upperMs: 4 };
    const spreads = withStageSpread(undefined, 'handoff', handoff);
    expect(stageSpreadsFrom(JSON.parse(JSON.stringify(spreads)))).toEqual(spreads);
    expect(stageSpreadsFrom({ handoff, transit: undefined })).toEqual(spreads);
    expect(stageSpreadOf(stageSpreadsFrom({ transit: handoff }), 'transit')).toEqual(handoff);
    expect(stageSpreadsFrom(undefined)).toBeUndefined();
  });
});
