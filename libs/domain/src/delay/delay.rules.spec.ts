import { type DelayWatch, delayCommands, deliveryCommands, type EtaPrediction, type OrderCommand } from '@ot/domain';

/** given(the order as watched).when(forecast, at now).then(commands): the rules' test grammar. */
function given(watch: Partial<DelayWatch> = {}) {
  const w: DelayWatch = { orderId: 'o1', promisedBy: '2017-06-10', delayActive: false, promiseBroken: false, announcedExpected: '2017-06-06', ...watch };
  return {
    when(prediction: Partial<EtaPrediction>, now: string) {
      const p: EtaPrediction = {
        expected: '2017-06-06',
        by: '2017-06-09',
        days: 'calendar',
        spread: { atMs: 0, lowerMs: 0, medianMs: 0, upperMs: 0 },
        window: { earliest: '2017-06-04', latest: '2017-06-08' },
        confidence: 0.8,
        stage: 'transit',
        nextEventDueBy: '2017-06-09T12:00:00.000Z',
        predictedAt: now,
        ...prediction,
        nextEventDueMs: Date.parse(prediction.nextEventDueBy ?? '2017-06-09T12:00:00.000Z'),
        likelyNotBefore: prediction.likelyNotBefore ?? prediction.expected ?? '2017-06-06', // a sure forecast unless told otherwise
      };
      return { then: (expected: Partial<OrderCommand>[]) => expect(delayCommands(w, p, now)).toEqual(expected.map((e) => expect.objectContaining(e))) };
    },
  };
}

const now = '2017-06-05T12:00:00.000Z';

describe('delay rules', () => {
  it('stay quiet while the forecast fits the promise and news is not overdue', () => {
    given().when({}, now).then([]);
  });

  it('predict a delay when the expected day passes the promised day', () => {
    given({ announcedExpected: '2017-06-11' })
      .when({ expected: '2017-06-11' }, now)
      .then([
        { type: 'PredictDelay', data: { orderId: 'o1', reason: 'eta-beyond-promise', newExpected: '2017-06-11', promisedBy: '2017-06-10', detectedAt: now } },
      ]);
  });

  it('do not warn while the promise is still fairly likely kept, though the median day is past it', () => {
    // "will be late" is said once it is likely: the likelyQuantile day (two thirds of the forecast after it) past the promise
    given({ announcedExpected: '2017-06-11' }).when({ expected: '2017-06-11', likelyNotBefore: '2017-06-10' }, now).then([]);
    given({ announcedExpected: '2017-06-11' })
      .when({ expected: '2017-06-12', likelyNotBefore: '2017-06-11' }, now)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'eta-beyond-promise', newExpected: '2017-06-12' }) }]);
  });

  it('flag a silent parcel before its promise day: the next event is overdue although the forecast still fits', () => {
    given()
      .when({ nextEventDueBy: '2017-06-05T00:00:00.000Z' }, now)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'no-scan-expected-by-now' }) }]);
  });

  it('do not raise an alert twice', () => {
    given({ delayActive: true, announcedExpected: '2017-06-11' }).when({ expected: '2017-06-11' }, now).then([]);
  });

  it('keep an alert while the forecast hovers on the promise day (hysteresis)', () => {
    given({ delayActive: true, announcedExpected: '2017-06-10' }).when({ expected: '2017-06-10' }, now).then([]);
  });

  it('clear an alert once the forecast is safely back before the promise and news is not overdue', () => {
    given({ delayActive: true, announcedExpected: '2017-06-09' })
      .when({ expected: '2017-06-09' }, now)
      .then([{ type: 'ClearDelay', data: { orderId: 'o1', newExpected: '2017-06-09', clearedAt: now } }]);
    given({ delayActive: true }).when({ expected: '2017-06-06', nextEventDueBy: '2017-06-01T00:00:00.000Z' }, now).then([]);
  });

  it('break the promise only after the promised day has ended in local time', () => {
    const lastMinute = '2017-06-11T02:59:00.000Z'; // 23:59 on the 10th in Sao Paulo
    given({ announcedExpected: '2017-06-11' })
      .when({ expected: '2017-06-11' }, lastMinute)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'eta-beyond-promise' }) }]);
    const nextDay = '2017-06-11T03:01:00.000Z';
    given({ delayActive: true, announcedExpected: '2017-06-11' })
      .when({ expected: '2017-06-11' }, nextDay)
      .then([{ type: 'BreakPromise', data: { orderId: 'o1', promisedBy: '2017-06-10', detectedAt: nextDay, newExpected: '2017-06-11' } }]);
  });

  it('tell the day now expected with the broken promise, as shown: never before today nor before the delay told', () => {
    const now = '2017-06-14T12:00:00.000Z';
    given({ delayActive: true, delayExpected: '2017-06-16', announcedExpected: '2017-06-16' })
      .when({ expected: '2017-06-12' }, now)
      .then([{ type: 'BreakPromise', data: expect.objectContaining({ newExpected: '2017-06-16' }) }]);
    given({ announcedExpected: '2017-06-14' })
      .when({ expected: '2017-06-12' }, now)
      .then([{ type: 'BreakPromise', data: expect.objectContaining({ newExpected: '2017-06-14' }) }]);
  });

  it('do not predict delays or revise the forecast once the promise broke', () => {
    given({ promiseBroken: true }).when({ expected: '2017-06-20' }, '2017-06-12T12:00:00.000Z').then([]);
  });

  it('revise a day later only once the day told has come, three days later at once, earlier from two days on', () => {
    given().when({ expected: '2017-06-07' }, now).then([]); // told the 6th, still ahead: a silent parcel slides daily
    given({ announcedExpected: '2017-06-05' })
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'ReviseEta', data: { orderId: 'o1', previousExpected: '2017-06-05', newExpected: '2017-06-06', revisedAt: now } }]); // the day told is today and it will not come today
    given()
      .when({ expected: '2017-06-09' }, now)
      .then([{ type: 'ReviseEta', data: expect.objectContaining({ newExpected: '2017-06-09' }) }]);
    given().when({ expected: '2017-06-05' }, now).then([]);
    given({ announcedExpected: '2017-06-08' })
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'ReviseEta' }]);
  });

  it('never revise to a day before today, even from a forecast made days ago', () => {
    given({ announcedExpected: '2017-06-08' })
      .when({ expected: '2017-06-03', predictedAt: '2017-06-01T12:00:00.000Z' }, now)
      .then([{ type: 'ReviseEta', data: { orderId: 'o1', previousExpected: '2017-06-08', newExpected: '2017-06-05', revisedAt: now } }]);
  });

  it('turn a partner delay into an alert with its reason and a date after the promise and after today, even while the forecast fits', () => {
    given({ partnerDelay: 'weather' })
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'PredictDelay', data: { orderId: 'o1', reason: 'weather', newExpected: '2017-06-11', promisedBy: '2017-06-10', detectedAt: now } }]);
    const afterPromise = '2017-06-12T15:00:00.000Z'; // a parcel lost after the promise: the customer still learns why
    given({ partnerDelay: 'lost', promiseBroken: true })
      .when({ expected: '2017-06-12' }, afterPromise)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'lost', newExpected: '2017-06-13' }) }]);
  });

  it('keep a partner delay until the parcel moves, and tell a new reason once', () => {
    const active = { delayActive: true, delayReason: 'weather' as const, delayExpected: '2017-06-11', announcedExpected: '2017-06-11' };
    given({ ...active, partnerDelay: 'weather' })
      .when({ expected: '2017-06-06' }, now)
      .then([]);
    given({ ...active, partnerDelay: 'lost' })
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'lost' }) }]);
    given(active)
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'ClearDelay' }]); // moved again, the forecast fits
  });

  it('keep a silent-parcel alert until news of the parcel comes, whatever the model now thinks of the silence', () => {
    const silent = { delayActive: true, delayReason: 'no-scan-expected-by-now' as const, delayExpected: '2017-06-11', announcedExpected: '2017-06-11' };
    given({ ...silent, silentSinceDelay: true })
      .when({ expected: '2017-06-06' }, now)
      .then([]); // still no scan: "back on track" would be a guess
    given({ ...silent, silentSinceDelay: false })
      .when({ expected: '2017-06-06' }, now)
      .then([{ type: 'ClearDelay' }]); // scanned since, fits again
  });

  it('name a date after the promise for a silent parcel, and revise nothing beside an alert', () => {
    given()
      .when({ expected: '2017-06-08', nextEventDueBy: '2017-06-05T00:00:00.000Z' }, now)
      .then([{ type: 'PredictDelay', data: expect.objectContaining({ reason: 'no-scan-expected-by-now', newExpected: '2017-06-11' }) }]);
  });

  it('record a broken promise for a delivery after the promised day, in local time', () => {
    const w: DelayWatch = { orderId: 'o1', promisedBy: '2017-06-10', delayActive: false, promiseBroken: false };
    expect(deliveryCommands(w, '2017-06-11T02:59:00.000Z')).toEqual([]); // 23:59 on the 10th in Sao Paulo
    expect(deliveryCommands(w, '2017-06-11T03:01:00.000Z')).toEqual([
      { type: 'BreakPromise', data: { orderId: 'o1', promisedBy: '2017-06-10', detectedAt: '2017-06-11T03:01:00.000Z' } },
    ]);
    expect(deliveryCommands({ ...w, promiseBroken: true }, '2017-06-12T12:00:00.000Z')).toEqual([]);
  });
});
