import { delayForecastOf, forecastNumbers, keptDates, keptForecast } from './kept-forecast';

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
    const kept = keptForecast(prediction);
    const numbers = forecastNumbers(prediction, Date.parse(prediction.predictedAt));
    expect(kept).toEqual({ expected: '2026-01-08', by: '2026-01-12', earliest: '2026-01-06', latest: '2026-01-10', likelyNotBefore: '2026-01-07' });
    expect(numbers.confidence).toBe(0.873);
    const { confidence: _c, ...read } = prediction;
    expect(delayForecastOf(kept, numbers.nextEventDueMs, numbers.predictedAtMs)).toEqual(read);
  });

  it('is one object per distinct days, shared by the orders forecast the same (dates written too)', () => {
    const same = keptForecast({ ...prediction, window: { ...prediction.window } });
    expect(same).toBe(keptForecast(prediction));
    expect(keptForecast({ ...prediction, likelyNotBefore: '2026-01-08' })).not.toBe(same);
    expect(keptForecast({ ...prediction, likelyNotBefore: '2026-01-08' }).likelyNotBefore).toBe('2026-01-08');
    expect(keptDates(prediction)).toBe(keptDates({ ...prediction, window: { ...prediction.window } }));
    expect(keptDates({ ...prediction, by: '2026-01-13' })).toEqual({ expected: '2026-01-08', by: '2026-01-13', earliest: '2026-01-06', latest: '2026-01-10' });
  });
});
