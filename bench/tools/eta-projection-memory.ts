import { EtaProjection, type EtaViewStore, type RecordedEvent } from '@ot/application';
import { serialize } from 'node:v8';
import { seedEvents } from '../fixtures/seed-orders';

/**
 * Heap per open order held by the ETA projection alone (open orders, dates last written, learner), the
 * seeded orders folded through it with documents thrown away (the whole-service bench's ETA part in
 * seconds), and the size of its saved state (one SQLite value: at most 1e9 bytes).
 * `node --expose-gc dist/bench/tools/eta-projection-memory.js [orders, default 100000]` (after `npm run build`)
 */
const discard: EtaViewStore = {
  commit: async () => undefined,
  checkpoint: async () => 0,
  all: async () => [],
  saveState: async () => undefined,
  loadState: async () => undefined,
  get: async () => undefined,
  json: async () => undefined,
  onCommit: () => () => undefined,
};

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 100_000);
  const heapUsed = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = heapUsed();
  const projection = new EtaProjection(discard);
  let position = 0;
  for (let from = 0; from < orders; from += 1000) {
    const batch: RecordedEvent[] = [];
    for (let n = from; n < Math.min(orders, from + 1000); n++) {
      seedEvents(n).forEach((e, i) =>
        batch.push({
          ...e,
          streamId: `order-${e.data.orderId}`,
          streamVersion: i + 1,
          globalPosition: ++position,
          recordedAt: e.data.occurredAt,
        } as RecordedEvent),
      );
    }
    await projection.apply(batch);
  }
  const bytes = heapUsed() - before;
  const stateBytes = serialize(projection.snapshot()).length;
  console.log(
    JSON.stringify({
      orders,
      open: projection.openCount(),
      heapMb: Math.round(bytes / 2 ** 20),
      bytesPerOrder: Math.round(bytes / orders),
      stateBytesPerOrder: Math.round(stateBytes / orders),
    }),
  );
}

void main();
