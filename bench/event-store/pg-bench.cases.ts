import { type Cost, startCost } from './pg-bench.cpu';
import type { BenchEvent, BenchStore } from './pg-bench.stores';

type Timed = { count: number; seconds: number } & Cost;
export type CaseResult = { name: string; unit: string; count: number; seconds: number; rate: number } & Cost;
type Case = { name: string; unit: string; run(store: BenchStore): Promise<Timed> };

const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (count: number): number => Math.max(1, Math.round(count * scale));

/** A ParcelScanned-like event padded to about 300 bytes of JSON, the size of a real scan. */
export function event(stream: string, k: number): BenchEvent {
  const data: Record<string, unknown> = {
    orderId: stream,
    partner: 'carrier-dhl',
    partnerEventId: `${stream}-${k}`,
    milestone: 'InTransit',
    scannedAt: '2026-01-01T00:00:00.000Z',
    location: { hub: 'DE-LEJ-01', lat: 51.4234, lon: 12.2361 },
  };
  data.note = 'x'.repeat(Math.max(0, 300 - JSON.stringify({ type: 'ParcelScanned', data }).length - 10));
  return { type: 'ParcelScanned', data };
}

/** Times the work and what it cost on both sides (the cost covers only the timed work, not the fill). */
async function timed(store: BenchStore, work: () => Promise<number>): Promise<Timed> {
  const cost = await startCost(store.connectionString);
  const started = process.hrtime.bigint();
  const count = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds, ...(await cost()) };
}

/** `writers` loops in parallel, each running `step(writer, k)` `perWriter` times in a row. */
async function loops(writers: number, perWriter: number, step: (w: number, k: number) => Promise<void>): Promise<number> {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let k = 0; k < perWriter; k++) await step(w, k);
    }),
  );
  return writers * perWriter;
}

/** Fills `streams` streams to `length` events each, in batches, and returns their versions. */
async function fill(store: BenchStore, prefix: string, streams: number, length: number): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  await loops(Math.min(streams, 16), Math.ceil(streams / 16), async (w, k) => {
    const s = w * Math.ceil(streams / 16) + k;
    if (s >= streams) return;
    const id = `${prefix}-${s}`;
    for (let v = 0; v < length; v += 500) {
      const batch = Array.from({ length: Math.min(500, length - v) }, (_, i) => event(id, v + i));
      await store.append(id, batch, v);
    }
    versions.set(id, length);
  });
  await store.analyze();
  return versions;
}

const newStreams = (writers: number, appends: number): Case => ({
  name: `${writers} writer${writers > 1 ? 's' : ''}, 1 event to a new stream each`,
  unit: 'appends/s',
  run: (store) => timed(store, () => loops(writers, Math.ceil(appends / writers), (w, k) => store.append(`new-${w}-${k}`, [event(`new-${w}-${k}`, 0)], 0))),
});

/** Appends to streams that already hold `length` events: 1 writer, then 8 writers on a stream each. */
const existing = (length: number, writers: number, appends: number): Case => ({
  name: `${writers} writer${writers > 1 ? 's' : ''}, 1 event to a stream of ${length.toLocaleString('en')}`,
  unit: 'appends/s',
  run: async (store) => {
    const versions = await fill(store, 'long', 8, length);
    const ids = [...versions.keys()];
    return timed(store, () =>
      loops(writers, Math.ceil(appends / writers), async (w, k) => {
        const id = ids[(w + k * writers) % ids.length];
        const v = versions.get(id)!;
        versions.set(id, v + 1); // claimed before the await: each writer owns its streams, so no conflict
        await store.append(id, [event(id, v)], v);
      }),
    );
  },
});

const readStreams = (readers: number, reads: number): Case => ({
  name: `${readers} readers, readStream of a 10-event stream`,
  unit: 'reads/s',
  run: async (store) => {
    await fill(store, 'read', 1000, 10);
    return timed(store, () =>
      loops(readers, Math.ceil(reads / readers), async (w, k) => void (await store.readStream(`read-${(w * 7919 + k * 104729) % 1000}`))),
    );
  },
});

const readAll = (events: number, page: number): Case => ({
  name: `readAll of ${events.toLocaleString('en')} events, pages of ${page}`,
  unit: 'events/s',
  run: async (store) => {
    await fill(store, 'all', events / 100, 100);
    return timed(store, async () => {
      let read = 0;
      for (let pass = 0; pass < 3; pass++)
        for (let after = 0; after !== -1;) {
          const { count, last } = await store.readAll(after, page);
          read += count;
          after = last;
        }
      return read;
    });
  },
});

const ALL_CASES: Case[] = [
  newStreams(64, n(4000)),
  newStreams(1, n(1000)),
  ...[10, 1000, 10000].flatMap((length) => [existing(length, 1, n(500)), existing(length, 8, n(1000))]),
  readStreams(16, n(4000)),
  readAll(20000, 500),
];

/** BENCH_CASES, a regular expression on the case names, runs only those (e.g. `^1 writer`). */
export const CASES = ALL_CASES.filter((c) => new RegExp(process.env.BENCH_CASES ?? '').test(c.name));
