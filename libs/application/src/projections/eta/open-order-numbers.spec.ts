import { deserialize, serialize } from 'node:v8';
import { sharedRoute } from '@ot/domain';
import {
  CONFIDENCE,
  FREIGHT_TOTAL,
  HAND_OVER_BY,
  ITEM_COUNT,
  NEXT_EVENT_DUE,
  optionalNumber,
  orderNumbers,
  orderNumbersFrom,
  OrderNumberSlab,
  PLACED,
  placementLeadOf,
  PREDICTED_AT,
  PRICE_TOTAL,
  setPlacementLead,
  setSavedStageSpreads,
  setStageSpread,
  STAGE_STARTED,
  stageSpreadOf,
} from './open-order-numbers';
import { type FlatOpenOrder, type FormerOpenOrder, type OpenOrder, OpenOrders, type SavedOpenOrder, setRare } from './open-order';

/** An order restored into open orders of its own, with a copy of its numbers. */
function restoredOpenOrder(s: Exclude<SavedOpenOrder, OpenOrder | FlatOpenOrder>): OpenOrder & { numbers: number[] } {
  const orders = new OpenOrders();
  const o = orders.restore(s);
  return Object.assign(o, { numbers: orders.numbers.copy(o.at) });
}

const handoff = { atMs: 1, lowerMs: 2.5, medianMs: 3, upperMs: 4 };
const transit = { atMs: 10, lowerMs: 20, medianMs: 30.25, upperMs: 40 };
const placedMs = Date.parse('2026-01-02T09:00:00.000Z');

describe('an open order’s numbers', () => {
  it('keeps the first spread of each stage, none until the stage had one', () => {
    const n = orderNumbers(placedMs, NaN);
    setStageSpread(n, 'handoff', handoff);
    expect(stageSpreadOf(n, 'handoff')).toEqual(handoff);
    expect(stageSpreadOf(n, 'transit')).toBeUndefined();
    setStageSpread(n, 'transit', transit);
    expect(stageSpreadOf(n, 'transit')).toEqual(transit);
    expect(stageSpreadOf(n, 'handoff')).toEqual(handoff);
    expect(n[PLACED]).toBe(placedMs);
  });

  it('tells a lead not read yet from one read as none and one read', () => {
    const n = orderNumbers(placedMs, NaN);
    expect(placementLeadOf(n)).toBeUndefined();
    setPlacementLead(n, null);
    expect(placementLeadOf(n)).toBeNull();
    setPlacementLead(n, -0.75);
    expect(placementLeadOf(n)).toBe(-0.75);
  });

  it('comes back the same from v8 and from JSON (NaN as null)', () => {
    const n = orderNumbers(placedMs, placedMs + 86_400_000);
    setStageSpread(n, 'handoff', handoff);
    setPlacementLead(n, 0.5);
    expect(orderNumbersFrom(deserialize(serialize(n)))).toEqual(n);
    expect(orderNumbersFrom(JSON.parse(JSON.stringify(n)))).toEqual(n);
  });

  it('reads stage spreads saved as an array of 8 (NaN as null after JSON) or as an object per stage (states saved before)', () => {
    const fromArray = orderNumbers(placedMs, NaN);
    setSavedStageSpreads(fromArray, JSON.parse(JSON.stringify([1, 2.5, 3, 4, NaN, NaN, NaN, NaN])));
    expect(stageSpreadOf(fromArray, 'handoff')).toEqual(handoff);
    expect(stageSpreadOf(fromArray, 'transit')).toBeUndefined();
    const fromObject = orderNumbers(placedMs, NaN);
    setSavedStageSpreads(fromObject, { transit, handoff: undefined });
    expect(stageSpreadOf(fromObject, 'transit')).toEqual(transit);
    expect(stageSpreadOf(fromObject, 'handoff')).toBeUndefined();
  });
});

describe('the open orders’ slab of numbers', () => {
  it('keeps each order’s numbers apart as it grows, and gives a released slot out again only at the next take', () => {
    const slab = new OrderNumberSlab();
    const slots = Array.from({ length: 3000 }, (_, i) => slab.take(placedMs + i, NaN, { itemCount: i }));
    expect(new Set(slots).size).toBe(3000);
    expect(slots.every((at, i) => slab.values[at + PLACED] === placedMs + i && slab.values[at + ITEM_COUNT] === i)).toBe(true);
    slab.release(slots[7]);
    expect(slab.values[slots[7] + PLACED]).toBe(placedMs + 7); // still readable: a closed order is scored after its fold
    const next = slab.take(placedMs - 1, NaN);
    expect(next).toBe(slots[7]);
    expect([slab.values[next + PLACED], slab.values[next + ITEM_COUNT], placementLeadOf(slab.values, next)]).toEqual([placedMs - 1, NaN, undefined]);
    expect(slab.length).toBe(3000 * slots[1]);
  });
});

describe('a saved open order', () => {
  const route = sharedRoute({ origin: { city: 'sao paulo', state: 'SP' }, destination: { city: 'rio de janeiro', state: 'RJ' } });
  const former: FormerOpenOrder = {
    orderId: 'o1',
    version: 4,
    newsVersion: 3,
    placedAt: '2026-01-02T09:00:00.000Z',
    promisedBy: '2026-01-12',
    route,
    stage: 'transit',
    stageStartedAt: '2026-01-04T12:30:00.000Z',
    statusAt: '2026-01-05T08:00:00.000Z',
    lastNewsAt: '2026-01-05T08:00:00.000Z',
    delayActive: true,
    delayExpected: '2026-01-14',
    delayReason: 'no-scan-expected-by-now',
    delayNewsVersion: 3,
    promiseBroken: false,
    announcedExpected: '2026-01-14',
    stageSpreads: [1, 2.5, 3, 4, null, null, null, null],
    placementLead: null,
    handOverBy: '2026-01-05T23:59:59.000Z',
    itemCount: 2,
    priceTotal: 99.9,
  };
  const days = { expected: '2026-01-08', by: '2026-01-12', earliest: '2026-01-06', latest: '2026-01-10', likelyNotBefore: '2026-01-07' };
  const latest = { ...days, confidence: 0.873, nextEventDueMs: Date.parse('2026-01-06T17:42:13.512Z'), predictedAtMs: Date.parse('2026-01-05T09:00:00.000Z') };

  it('in the former shape (ISO instants, flat delay fields) comes back with the same instants, delay and spreads', () => {
    const o = restoredOpenOrder(former);
    expect(o.numbers[PLACED]).toBe(Date.parse(former.placedAt));
    expect(o.numbers[STAGE_STARTED]).toBe(Date.parse(former.stageStartedAt));
    expect(o.numbers[HAND_OVER_BY]).toBe(Date.parse(former.handOverBy!));
    expect(placementLeadOf(o.numbers)).toBeNull();
    expect(stageSpreadOf(o.numbers, 'handoff')).toEqual(handoff);
    expect(o.delay).toEqual({ expected: '2026-01-14', reason: 'no-scan-expected-by-now', newsVersion: 3 });
    expect([ITEM_COUNT, PRICE_TOTAL, FREIGHT_TOTAL].map((i) => optionalNumber(o.numbers, i))).toEqual([2, 99.9, undefined]);
    expect(o.route).toBe(route);
  });

  it('in the former shape keeps the latest forecast’s days, its numbers beside them, and its written dates as the same object', () => {
    const o = restoredOpenOrder({ ...former, forecast: latest, written: latest });
    expect(o.forecast).toEqual(days);
    expect(o.written).toBe(o.forecast);
    expect([o.numbers[CONFIDENCE], o.numbers[NEXT_EVENT_DUE], o.numbers[PREDICTED_AT]]).toEqual([0.873, latest.nextEventDueMs, latest.predictedAtMs]);
  });

  it('as kept (its numbers in the saved slab from its at) round-trips through v8 to an equal order', () => {
    const orders = new OpenOrders();
    orders.restore({ ...former, orderId: 'o0' });
    const kept = orders.restore({ ...former, forecast: latest, written: latest });
    const saved = deserialize(serialize({ orders: orders.saved(), numbers: orders.savedNumbers() })) as { orders: OpenOrder[]; numbers: Float64Array };
    const again = new OpenOrders();
    again.restoreAll(saved.orders, saved.numbers);
    const back = again.get(kept.orderId)!;
    expect(back).toEqual(kept); // at the same slot
    expect(again.numbers.copy(back.at)).toEqual(orders.numbers.copy(kept.at));
    expect(again.numbers.take(placedMs, NaN)).toBe(2 * kept.at); // both slots held: the next is past them
    expect(back.promisedBy).toBe(kept.promisedBy); // the same string: days are shared
  });

  it('saved with its numbers in an array of its own (session 10) comes back the same', () => {
    const partnerDelay = { reason: 'weather' as const, at: '2026-01-05T08:00:00.000Z' };
    const kept = restoredOpenOrder({ ...former, forecast: latest, written: latest, partnerDelay });
    const { numbers, at: _at, rare, ...order } = kept;
    expect(rare?.partnerDelay).toEqual(partnerDelay);
    // its rare fields flat, as every order was kept then
    const back = restoredOpenOrder(deserialize(serialize({ ...order, ...rare, numbers })) as Exclude<SavedOpenOrder, OpenOrder | FlatOpenOrder>);
    expect(back).toEqual(kept);
  });

  it('keeps its rare fields in one object only while one is set', () => {
    const o = restoredOpenOrder({ ...former, delayActive: false });
    expect(o.rare).toBeUndefined();
    setRare(o, 'partnerDelay', { reason: 'weather', at: '2026-01-05T08:00:00.000Z' });
    setRare(o, 'stageShown', { handoff });
    expect(o.rare).toEqual({
      partnerDelay: { reason: 'weather', at: '2026-01-05T08:00:00.000Z' },
      handOver: undefined,
      stageShown: { handoff },
    });
    setRare(o, 'partnerDelay', undefined);
    expect(o.rare?.stageShown).toEqual({ handoff });
    setRare(o, 'stageShown', undefined);
    expect(o.rare).toBeUndefined();
    setRare(o, 'handOver', undefined);
    expect(o.rare).toBeUndefined();
  });

  it('without a delay restores none', () => {
    expect(restoredOpenOrder({ ...former, delayActive: false, delayExpected: undefined, delayReason: undefined }).delay).toBeUndefined();
  });
});
