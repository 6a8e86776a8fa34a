import { serialize } from 'node:v8';
import { foldSeededOrders } from '../fixtures/eta-seeded-projection';

/**
 * Heap per open order held by the ETA projection alone (open orders, dates last written, learner), the
 * seeded orders folded through it with documents thrown away (the whole-service bench's ETA part in
 * seconds), and the size of its saved state (v8-serialised; the stores write it in chunks).
 * `node --expose-gc dist/bench/tools/eta-projection-memory.js [orders, default 100000]` (after `npm run build`)
 */
async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 100_000);
  const heapUsed = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = heapUsed();
  const projection = await foldSeededOrders(orders);
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
