import {
  EtaProjection,
  type EtaProjectionState,
  type EventStore,
  type FlatOpenOrder,
  type FormerOpenOrder,
  handleCommand,
  type OpenOrder,
} from '@ot/application';
import { parcelKeyOf } from './open-order';
import { BUSINESS_TIME_FLOOR, BusinessTime, DEFAULT_ETA_CONFIG, type EtaLearnerSnapshot, type OrderEvent, type PartnerEvent, weekdaysExcept } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { InMemoryEtaViewStore, SqliteEtaViewStore } from '@ot/read-model';
import { partnerEvent, placed } from '@ot/testing';
import {
  CONFIDENCE,
  FREIGHT_TOTAL,
  HAND_OVER_BY,
  ITEM_COUNT,
  LAST_NEWS,
  NEXT_EVENT_DUE,
  optionalNumber,
  PLACED,
  placementLeadOf,
  PREDICTED_AT,
  PRICE_TOTAL,
  STAGE_STARTED,
  stageSpreadOf,
  STATUS,
} from './open-order-numbers';

const DAY = 86_400_000;
const at = (base: string, days: number): string => new Date(Date.parse(base) + days * DAY).toISOString();

/**
 * A small history: 30 delivered orders SP -> RJ (2 days to hand over, 4 in transit), then 5 still open,
 * recorded in the order things happened (forecasts are made at the latest instant processed).
 */
async function seed(store: EventStore): Promise<void> {
  const record = (e: OrderEvent) => handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
  const events: OrderEvent[] = [];
  for (let i = 0; i < 35; i++) {
    const id = `o${i}`;
    const t0 = at('2017-03-01T12:00:00.000Z', i * 0.5);
    events.push(placed(id, { occurredAt: t0, promisedBy: '2017-04-30' }));
    if (i >= 30) continue;
    events.push(partnerEvent('HandedToCarrier', at(t0, 2), {}, { orderId: id, partner: 'warehouse' }));
    events.push(partnerEvent('Delivered', at(t0, 6), {}, { orderId: id }));
  }
  const when = (e: OrderEvent) => Date.parse((e.data as { occurredAt: string }).occurredAt);
  for (const e of events.sort((a, b) => when(a) - when(b))) await record(e);
}

async function runInBatches(store: EventStore, views: InMemoryEtaViewStore | SqliteEtaViewStore, size: number, restartEvery = Infinity): Promise<void> {
  let projection = new EtaProjection(views);
  for (let from = 0, n = 0; ; n++) {
    if (n > 0 && n % restartEvery === 0) projection = new EtaProjection(views); // a restart: memory lost, views kept
    const position = await projection.checkpoint();
    if (position < from) {
      await projection.apply(await store.readAll(position, from - position)); // a restarted one catches up from 0
    }
    const batch = await store.readAll(from, size);
    if (!batch.length) return;
    await projection.apply(batch);
    from = batch[batch.length - 1].globalPosition;
  }
}

/**
 * A state in the shape saved before the learner held open parcels under their orders' slots (session 11): under
 * the order ids, no `parcelKeys`.
 */
function byIdShape(state: EtaProjectionState): EtaProjectionState {
  const { parcelKeys, learner, ...rest } = state as EtaProjectionState & { parcelKeys?: string; learner: EtaLearnerSnapshot };
  if (parcelKeys !== 'slot') return state;
  const idOf = new Map((state.orders as OpenOrder[]).map((o) => [String(parcelKeyOf(o.at)), o.orderId]));
  const open = Object.fromEntries(Object.entries(learner.open ?? {}).map(([key, parcel]) => [idOf.get(key)!, parcel]));
  return { ...rest, learner: { ...learner, open } };
}

/** A state in the shape saved before an open order's rare fields were grouped (session 12): each a field of its own. */
function flatShape(state: EtaProjectionState): EtaProjectionState {
  const orders = (state.orders as OpenOrder[]).map(({ rare, ...o }): FlatOpenOrder => ({
    ...o,
    partnerDelay: rare?.partnerDelay,
    handOver: rare?.handOver,
    stageShown: rare?.stageShown,
  }));
  return { ...state, orders };
}

/** A state in the shape saved before the open orders' numbers shared one slab (session 10): an array of numbers per order. */
function packedShape(state: EtaProjectionState): EtaProjectionState {
  const { orderNumbers, ...rest } = byIdShape(state) as EtaProjectionState & { orderNumbers: Float64Array };
  const orders = (flatShape(state).orders as FlatOpenOrder[]).map(({ at, ...o }) => ({ ...o, numbers: Array.from(orderNumbers.subarray(at, at + 21)) }));
  return { ...rest, orders };
}

/** A state in the shape saved before an open order's numbers were packed: ISO instants, flat delay fields, spreads in an array of 8. */
function unpackedShape(state: EtaProjectionState): EtaProjectionState {
  const iso = (ms: number): string | undefined => (Number.isNaN(ms) ? undefined : new Date(ms).toISOString());
  const orders = (packedShape(state).orders as (Omit<FlatOpenOrder, 'at'> & { numbers: number[] })[]).map(
    ({ numbers: n, delay, handOver, forecast, ...o }): FormerOpenOrder => ({
      ...structuredClone(o),
      forecast: forecast && { ...forecast, confidence: n[CONFIDENCE], nextEventDueMs: n[NEXT_EVENT_DUE], predictedAtMs: n[PREDICTED_AT] },
      placedAt: iso(n[PLACED])!,
      stageStartedAt: iso(n[STAGE_STARTED])!,
      statusAt: iso(n[STATUS])!,
      lastNewsAt: iso(n[LAST_NEWS])!,
      handOverBy: iso(n[HAND_OVER_BY]),
      placementLead: placementLeadOf(n),
      stageSpreads: n.slice(7, 15),
      itemCount: optionalNumber(n, ITEM_COUNT),
      priceTotal: optionalNumber(n, PRICE_TOTAL),
      freightTotal: optionalNumber(n, FREIGHT_TOTAL),
      delayActive: delay !== undefined,
      delayExpected: delay?.expected,
      delayReason: delay?.reason,
      delayNewsVersion: delay?.newsVersion,
      ...(handOver && { handOverLead: handOver.lead, handOverSpread: handOver.spread }),
    }),
  );
  return { ...packedShape(state), orders };
}

/**
 * A state in the shape saved before open orders kept their latest forecast flat: the whole prediction, an
 * object per stage spread, and the dates last written in a list of their own.
 */
function formerShape(state: EtaProjectionState): EtaProjectionState {
  const orders = unpackedShape(state).orders as FormerOpenOrder[];
  const iso = (ms: number): string => new Date(ms).toISOString();
  const spreadOf = (o: FormerOpenOrder, stage: 'handoff' | 'transit') =>
    stageSpreadOf([...new Array<number>(7).fill(0), ...(o.stageSpreads as number[])], stage);
  return {
    ...packedShape(state),
    orders: orders.map(({ forecast: f, written: _w, ...o }) => ({
      ...o,
      ...(f && {
        prediction: {
          ...{ expected: f.expected, by: f.by, window: { earliest: f.earliest, latest: f.latest }, likelyNotBefore: f.likelyNotBefore },
          ...{ confidence: f.confidence, stage: o.stage, nextEventDueBy: iso(f.nextEventDueMs), predictedAt: iso(f.predictedAtMs), days: 'calendar' },
          spread: spreadOf(o, o.stage),
        },
      }),
      stageSpreads: { handoff: spreadOf(o, 'handoff'), transit: spreadOf(o, 'transit') },
    })),
    written: orders
      .filter((o) => o.written)
      .map(({ orderId, written: w }) => ({ orderId, expected: w!.expected, by: w!.by, window: { earliest: w!.earliest, latest: w!.latest } })),
  };
}

describe('ETA projection', () => {
  it('writes a forecast for each open order and drops delivered ones', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    const views = new InMemoryEtaViewStore();
    await new EtaProjection(views).apply(await store.readAll(0, 10_000));
    const docs = await views.all();
    expect(docs.map((d) => d.orderId).sort()).toEqual(['o30', 'o31', 'o32', 'o33', 'o34']);
    // learned 2 + 4 days from the deliveries: o30 placed 2017-03-16T12:00Z is expected about six days later
    expect(docs.find((d) => d.orderId === 'o30')).toMatchObject({ expected: '2017-03-22' });
    expect(await views.checkpoint()).toBe((await store.readAll(0, 10_000)).length);
  });

  it('changes nothing when the same events are applied twice', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    const views = new InMemoryEtaViewStore();
    const projection = new EtaProjection(views);
    const all = await store.readAll(0, 10_000);
    await projection.apply(all);
    const once = await views.all();
    await projection.apply(all);
    await projection.apply(all.slice(10, 40));
    expect(await views.all()).toEqual(once);
  });

  it('a rebuild from position 0 reaches the same documents as an incremental run with restarts', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    const incremental = new InMemoryEtaViewStore();
    await runInBatches(store, incremental, 7, 3);
    const rebuilt = new SqliteEtaViewStore(':memory:');
    await new EtaProjection(rebuilt).apply(await store.readAll(0, 10_000));
    expect(await rebuilt.all()).toEqual(await incremental.all());
    expect(await rebuilt.checkpoint()).toBe(await incremental.checkpoint());
  });

  it('a batch with several news of one order touches, forecasts and announces as one event at a time does', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    const record = (e: OrderEvent) => handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
    const head = (await store.readAll(0, 10_000)).length;
    // o30 and o31 were placed in the seed; now their news interleave: hand-overs, then transit scans
    await record(partnerEvent('HandedToCarrier', '2017-03-18T12:00:00.000Z', {}, { orderId: 'o30', partner: 'warehouse' }));
    await record(partnerEvent('HandedToCarrier', '2017-03-19T12:00:00.000Z', {}, { orderId: 'o31', partner: 'warehouse' }));
    await record(partnerEvent('InTransit', '2017-03-20T12:00:00.000Z', { location: { city: 'resende', state: 'RJ' } }, { orderId: 'o31' }));
    await record(partnerEvent('InTransit', '2017-03-21T12:00:00.000Z', { location: { city: 'resende', state: 'RJ' } }, { orderId: 'o30' }));
    const news = await store.readAll(head, 100);
    const oneAtATime = new EtaProjection(new InMemoryEtaViewStore());
    const batched = new EtaProjection(new InMemoryEtaViewStore());
    await oneAtATime.apply(await store.readAll(0, head));
    await batched.apply(await store.readAll(0, head));
    const touched: string[] = [];
    for (const e of news) for (const id of await oneAtATime.project([e])) if (!touched.includes(id)) touched.push(id);
    expect(await batched.project(news)).toEqual(touched); // ['o30', 'o31']: in the order their first news came
    expect(batched.watched()).toEqual(oneAtATime.watched());
  });

  it('learns only from deliveries completed before a forecast: a later order gets the new knowledge', async () => {
    const store = new InMemoryEventStore();
    const record = (e: OrderEvent) => handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
    const views = new InMemoryEtaViewStore();
    const projection = new EtaProjection(views);
    const PROMISED = '2017-12-29'; // within the decider's 365 days (the fixture's default, 2026, is refused since review17)
    await record(placed('early', { occurredAt: '2017-03-01T12:00:00.000Z', promisedBy: PROMISED }));
    await projection.apply(await store.readAll(0, 100));
    const before = await views.get('early');
    for (let i = 0; i < 40; i++) {
      const t0 = at('2017-03-01T13:00:00.000Z', i * 0.1);
      await record(placed(`slow${i}`, { occurredAt: t0, promisedBy: PROMISED }));
      await record(partnerEvent('HandedToCarrier', at(t0, 1), {}, { orderId: `slow${i}`, partner: 'warehouse' }));
      await record(partnerEvent('Delivered', at(t0, 25), {}, { orderId: `slow${i}` }));
    }
    await record(placed('late', { occurredAt: '2017-04-10T12:00:00.000Z', promisedBy: PROMISED }));
    await projection.apply(await store.readAll(1, 1000));
    expect(await views.get('early')).toEqual(before); // untouched by what came after it
    const late = await views.get('late');
    expect(late!.expected > '2017-05-01').toBe(true); // about 26 days after 04-10
    expect(late!.confidence).toBeGreaterThan(before!.confidence);
  });

  it.each([
    ['with its rare fields flat', (state: EtaProjectionState) => byIdShape(flatShape(state))],
    ["with the learner's open parcels under the order ids", byIdShape],
    ['with its numbers in an array per order', packedShape],
    ['with the whole prediction', formerShape],
    ['with ISO instants and flat delay fields', unpackedShape],
  ])('restores a state saved in a former shape (%s) to the same memory, judgements and documents', async (_shape, shape) => {
    const store = new InMemoryEventStore();
    await seed(store);
    // a partner's delay report: one order with a rare field set (kept grouped since session 13)
    await handleCommand(store, 'o32', {
      type: 'RecordPartnerEvent',
      data: { event: partnerEvent('DelayReported', '2017-03-19T12:00:00.000Z', { reason: 'weather' }, { orderId: 'o32' }) as PartnerEvent },
    });
    const first = new EtaProjection(new InMemoryEtaViewStore());
    await first.apply(await store.readAll(0, 10_000));
    const state = first.snapshot();
    expect((state.orders as OpenOrder[]).find((o) => o.orderId === 'o32')?.rare?.partnerDelay?.reason).toBe('weather');
    const former = shape(state);
    expect(former.orders as unknown[]).toHaveLength(5);
    expect(Object.keys((former.learner as EtaLearnerSnapshot).open!).sort()).toEqual(['o30', 'o31', 'o32', 'o33', 'o34']);
    const views = [new InMemoryEtaViewStore(), new InMemoryEtaViewStore()];
    const [now, before] = views.map((v) => new EtaProjection(v));
    now.restore(state);
    before.restore(former);
    expect(packedShape(before.snapshot())).toEqual(packedShape(now.snapshot())); // the same numbers, in other slots
    expect(before.watched()).toEqual(now.watched());
    for (const tick of ['2017-03-20T12:00:00.000Z', '2017-03-24T12:00:00.000Z']) {
      await now.refresh(tick);
      await before.refresh(tick);
      expect(await views[1].all()).toEqual(await views[0].all());
    }
    expect((await views[0].all()).length).toBe(5);
    // later news ends the right parcels in the learner: its open parcels, and what it forecasts, stay the same
    const position = (await store.readAll(0, 10_000)).length;
    await handleCommand(store, 'o31', {
      type: 'RecordPartnerEvent',
      data: { event: partnerEvent('HandedToCarrier', '2017-03-25T12:00:00.000Z', {}, { orderId: 'o31', partner: 'warehouse' }) as PartnerEvent },
    });
    await handleCommand(store, 'o33', {
      type: 'RecordPartnerEvent',
      data: { event: partnerEvent('Delivered', '2017-03-25T13:00:00.000Z', {}, { orderId: 'o33' }) as PartnerEvent },
    });
    const news = await store.readAll(position, 100);
    await now.apply(news);
    await before.apply(news);
    expect(now.learner.openCount()).toBe(4);
    expect(byIdShape(before.snapshot()).learner).toEqual(byIdShape(now.snapshot()).learner);
    expect(await views[1].all()).toEqual(await views[0].all());
  });

  it('a restart on business days counts from the origin the saved learner was taught on', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    const days = () => new BusinessTime(weekdaysExcept(new Set()), DEFAULT_ETA_CONFIG.timeZone);
    const first = new EtaProjection(new InMemoryEtaViewStore(), undefined, undefined, undefined, days());
    await first.apply(await store.readAll(0, 10_000));
    const state = first.snapshot() as { origin?: string };
    expect(state.origin).toBe('2017-03-01'); // the first day asked, not the floor
    const again = days();
    new EtaProjection(new InMemoryEtaViewStore(), undefined, undefined, undefined, again).restore(state);
    expect(again.origin()).toBe('2017-03-01');
    const older = days();
    new EtaProjection(new InMemoryEtaViewStore(), undefined, undefined, undefined, older).restore({ ...state, origin: undefined });
    expect(older.origin()).toBe(BUSINESS_TIME_FLOOR); // saved before the origin was kept: counted from the floor
  });

  it('folds a placement promised for 9999 from an old log on business days, tabling no day past 2100', async () => {
    const store = new InMemoryEventStore();
    await seed(store);
    // written before the decider refused promises over 365 days: in the log as it was appended then
    await store.appendToStream('order-far', [placed('far', { occurredAt: '2017-03-20T12:00:00.000Z', promisedBy: '9999-12-31' })], { expectedVersion: 0 });
    const weekdays = weekdaysExcept(new Set());
    const tabled = (day: string) => {
      if (day > '2100-03-01') throw new Error(`tabled ${day}`); // without the ceiling: every day to 9999, on the event loop
      return weekdays(day);
    };
    const views = new InMemoryEtaViewStore();
    await new EtaProjection(views, undefined, undefined, undefined, new BusinessTime(tabled, DEFAULT_ETA_CONFIG.timeZone)).apply(
      await store.readAll(0, 10_000),
    );
    expect(await views.get('far')).toMatchObject({ orderId: 'far', days: 'business' });
  });
});

/** A store holding `events` recorded in the order they happened. */
async function recordedInOrder(events: OrderEvent[]): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  const when = (e: OrderEvent) => Date.parse((e.data as { occurredAt: string }).occurredAt);
  for (const e of events.sort((a, b) => when(a) - when(b))) {
    await handleCommand(store, e.data.orderId, { type: 'RecordPartnerEvent', data: { event: e as PartnerEvent } });
  }
  return store;
}

describe("ETA projection: the seller's hand-over deadline and the window's levels (opt-in)", () => {
  const model = { ...DEFAULT_ETA_CONFIG, handOverLead: true, windowCalibration: 300 };

  /** Six orders a day apart, each handed over after two days and delivered after six, recorded in time order. */
  async function history(withDeadline: boolean): Promise<InMemoryEventStore> {
    const events: OrderEvent[] = [];
    for (let i = 0; i < 6; i++) {
      const id = `d${i}`;
      const t0 = at('2017-03-01T12:00:00.000Z', i);
      events.push(placed(id, { occurredAt: t0, promisedBy: '2017-04-30', ...(withDeadline && { handOverBy: at(t0, 3) }) }));
      events.push(partnerEvent('HandedToCarrier', at(t0, 2), {}, { orderId: id, partner: 'warehouse' }));
      events.push(partnerEvent('Delivered', at(t0, 6), {}, { orderId: id }));
    }
    return recordedInOrder(events);
  }

  it('learns the deadline at each hand-over and the PITs at each delivery, and keeps both in its saved state', async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    await projection.apply(await (await history(true)).readAll(0, 10_000));
    const state = projection.snapshot() as { handOverLead?: { moments?: { w: number } }; windowLevels?: { pending?: unknown[] } };
    expect(state.handOverLead?.moments?.w).toBeGreaterThan(1);
    expect(state.windowLevels?.pending).toHaveLength(6); // one batch: the transit forecasts are replaced before shown; not mature yet
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(JSON.parse(JSON.stringify(state)));
    expect(back.snapshot()).toEqual(projection.snapshot());
  });

  it('folds orders placed without a deadline, and resumes from a state saved without either part', async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    await projection.apply(await (await history(false)).readAll(0, 10_000));
    const state = projection.snapshot() as Record<string, unknown>;
    expect(state.handOverLead).toEqual({});
    const { handOverLead: _h, windowLevels: _w, ...older } = state;
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(older as never);
    expect(back.snapshot()).toMatchObject({ handOverLead: {}, windowLevels: { handoff: [], transit: [], pending: [] } });
  });
});

describe('ETA projection: the joint linear model', () => {
  const model = { ...DEFAULT_ETA_CONFIG, jointModel: 'replace' as const };

  /** `count` orders, `perDay` a day, the dearer freight delivered later; the last eight still open (four in transit). */
  async function history(count = 60, perDay = 4): Promise<InMemoryEventStore> {
    const events: OrderEvent[] = [];
    for (let i = 0; i < count; i++) {
      const id = `j${i}`;
      const t0 = at('2017-03-01T12:00:00.000Z', i / perDay);
      const freight = i % 2 ? 40 : 10;
      events.push(placed(id, { occurredAt: t0, promisedBy: '2017-05-30', itemCount: 1, priceTotal: 50, freightTotal: freight }));
      if (i >= count - 4) continue;
      events.push(partnerEvent('HandedToCarrier', at(t0, 2), {}, { orderId: id, partner: 'warehouse' }));
      if (i >= count - 8) continue;
      events.push(partnerEvent('Delivered', at(t0, freight === 40 ? 8 : 5), {}, { orderId: id }));
    }
    return recordedInOrder(events);
  }

  it('learns at each delivery from the first forecast of each stage, and keeps its fit (nothing per order) in its saved state', async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    for (const e of await (await history()).readAll(0, 10_000)) await projection.apply([e]); // one at a time: every transit forecast is made
    const state = projection.snapshot() as { joint?: Record<string, { w: number }>; orders: object[] };
    expect(state.joint?.handoff?.w).toBeGreaterThan(40);
    expect(state.joint?.transit?.w).toBeGreaterThan(40);
    expect(Object.keys(state.orders[0])).not.toContain('stageJoint');
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(structuredClone(state) as never);
    expect(back.snapshot()).toEqual(projection.snapshot());
  });

  it('forecasts after a restore as before the save: the features are read again from what each order keeps', async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    for (const e of await (await history(320, 8)).readAll(0, 10_000)) await projection.apply([e]);
    const state = structuredClone(projection.snapshot()) as EtaProjectionState & { joint?: Record<string, { w: number }> };
    expect(state.joint?.handoff?.w).toBeGreaterThan(150); // trusted: its factors move the forecasts
    expect(state.joint?.transit?.w).toBeGreaterThan(150);
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(state);
    await projection.refresh('2017-04-20T09:00:00.000Z');
    await back.refresh('2017-04-20T09:00:00.000Z');
    const forecasts = (p: EtaProjection) => (packedShape(p.snapshot()) as unknown as { orders: { numbers: number[] }[] }).orders;
    expect(forecasts(back)).toEqual(forecasts(projection));
    expect(forecasts(back).filter((o) => o.numbers[PREDICTED_AT] === Date.parse('2017-04-20T09:00:00.000Z'))).toHaveLength(8);
  });

  it("restores a state whose orders kept readings (session 10's first joint model): they are ignored", async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    await projection.apply(await (await history()).readAll(0, 10_000));
    const state = projection.snapshot() as unknown as { orders: Record<string, unknown>[] };
    const older = { ...state, orders: state.orders.map((o) => ({ ...o, stageJoint: { handoff: new Array(11).fill(0.5) } })) };
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(older as never);
    expect(back.snapshot()).toEqual(projection.snapshot());
  });

  it('with trees, keeps each stage delivery in its ring (saved, restored); a state saved without rings starts them empty', async () => {
    const withTrees = { ...model, jointTrees: 'centred' as const };
    const ridgeOnly = { ...model, jointTrees: 'off' as const };
    const projection = new EtaProjection(new InMemoryEtaViewStore(), withTrees);
    for (const e of await (await history()).readAll(0, 10_000)) await projection.apply([e]); // one at a time: every transit forecast is made
    type Saved = { joint: { rings?: Record<string, { y: number[] }> } };
    const state = structuredClone(projection.snapshot()) as EtaProjectionState & Saved;
    expect(state.joint.rings?.handoff?.y).toHaveLength(52); // every delivery, in both stages
    expect(state.joint.rings?.transit?.y).toHaveLength(52);
    const back = new EtaProjection(new InMemoryEtaViewStore(), withTrees);
    back.restore(state);
    expect(back.snapshot()).toEqual(projection.snapshot());
    const older = new EtaProjection(new InMemoryEtaViewStore(), withTrees);
    older.restore(new EtaProjection(new InMemoryEtaViewStore(), ridgeOnly).snapshot() as never);
    expect((older.snapshot() as EtaProjectionState & Saved).joint.rings).toBeUndefined();
    expect((projection.snapshot() as EtaProjectionState & Saved).joint.rings).toBeDefined();
    const without = new EtaProjection(new InMemoryEtaViewStore(), ridgeOnly);
    for (const e of await (await history()).readAll(0, 10_000)) await without.apply([e]);
    expect((without.snapshot() as EtaProjectionState & Saved).joint.rings).toBeUndefined();
  });

  it('resumes from a state saved without it: the joint model starts empty', async () => {
    const projection = new EtaProjection(new InMemoryEtaViewStore(), model);
    await projection.apply(await (await history()).readAll(0, 10_000));
    const { joint: _j, ...older } = projection.snapshot() as Record<string, unknown>;
    const back = new EtaProjection(new InMemoryEtaViewStore(), model);
    back.restore(older as never);
    expect(back.snapshot()).toMatchObject({ joint: {} });
  });
});
