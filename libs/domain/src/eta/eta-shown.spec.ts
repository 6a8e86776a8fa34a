import { addDays, shownEta } from '@ot/domain';
import fc from 'fast-check';

const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2017-03-01', n));

describe('shown ETA dates', () => {
  it('move an old forecast to today and keep the window around it', () => {
    const old = { expected: '2017-03-05', by: '2017-03-07', window: { earliest: '2017-03-04', latest: '2017-03-06' } };
    expect(shownEta(old, '2017-03-08')).toEqual({ expected: '2017-03-08', by: '2017-03-08', window: { earliest: '2017-03-08', latest: '2017-03-08' } });
  });

  it('never show a date before an announced delay', () => {
    const fits = { expected: '2017-03-05', by: '2017-03-07', window: { earliest: '2017-03-04', latest: '2017-03-06' } };
    expect(shownEta(fits, '2017-03-02', '2017-03-11')).toMatchObject({
      expected: '2017-03-11',
      by: '2017-03-11',
      window: { earliest: '2017-03-04', latest: '2017-03-11' },
    });
  });

  it('always give expected >= today and >= the floor, inside the window, and by >= expected', () => {
    fc.assert(
      fc.property(fc.array(day, { minLength: 4, maxLength: 4 }), day, fc.option(day, { nil: undefined }), (d, today, floor) => {
        const [a, b, c, e] = [...d].sort();
        const s = shownEta({ expected: b, by: e, window: { earliest: a, latest: c } }, today, floor);
        expect(s.expected >= today && (!floor || s.expected >= floor)).toBe(true);
        expect(s.window.earliest <= s.expected && s.expected <= s.window.latest && s.by >= s.expected).toBe(true);
        expect(s.window.earliest >= (today < a ? a : today) || s.window.earliest === s.expected).toBe(true);
      }),
    );
  });
});
