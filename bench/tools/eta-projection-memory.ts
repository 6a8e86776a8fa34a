import { serialize } from 'node:v8';
import { EtaLearner } from '@ot/domain';
import { foldSeededOrders } from '../fixtures/eta-seeded-projection';

/** The projection's members this tool empties one part at a time (private: read by name, as a heap snapshot would). */
type Internals = {
  orders: { byId: Map<string, Record<string, unknown>>; numbers: { values: Float64Array } };
  written?: Map<string, unknown>;
  learner: EtaLearner;
};

/** Emptied in this order, each on top of the previous; a field is set to undefined (delete would make the object a dictionary). */
const PARTS: [name: string, drop: (p: Internals) => void][] = [
  ['learner (open parcels and groups)', (p) => (p.learner = new EtaLearner())],
  ['latest forecast and dates written', (p) => clear(p, ['prediction', 'forecast', 'written'], true)],
  [
    'instants, lead and stage spreads',
    (p) => {
      clear(p, ['rare']);
      p.orders.numbers.values = new Float64Array(0);
    },
  ],
  ['open orders (objects, map, ids, instants)', (p) => p.orders.byId.clear()],
];

function clear(p: Internals, fields: string[], written = false): void {
  if (written) p.written?.clear();
  for (const o of p.orders.byId.values()) for (const f of fields) if (f in o) o[f] = undefined;
}

/**
 * Heap per open order held by the ETA projection alone (open orders, dates last written, learner), the
 * seeded orders folded through it with documents thrown away (the whole-service bench's ETA part in
 * seconds), and the size of its saved state (v8-serialised; the stores write it in chunks). With `parts`,
 * also the heap each part held: the parts are emptied one after the other, a full GC after each.
 * `node --expose-gc dist/bench/tools/eta-projection-memory.js [orders, default 100000] [parts]` (after `npm run build`)
 */
async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 100_000);
  // the heap and the array buffers (the learner's slots and the open orders' numbers live outside the heap); a
  // collected array buffer's memory is freed by a task after the collection, so the reading waits a moment
  const heapUsed = async (): Promise<number> => {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = await heapUsed();
  const projection = await foldSeededOrders(orders);
  const bytes = (await heapUsed()) - before;
  const stateBytes = serialize(projection.snapshot()).length;
  const parts: Record<string, number> = {};
  if (process.argv[3] === 'parts') {
    let held = await heapUsed();
    for (const [name, drop] of PARTS) {
      drop(projection as unknown as Internals);
      const now = await heapUsed();
      parts[name] = Math.round((held - now) / orders);
      held = now;
    }
  }
  console.log(
    JSON.stringify({
      orders,
      open: projection.openCount(),
      heapMb: Math.round(bytes / 2 ** 20),
      bytesPerOrder: Math.round(bytes / orders),
      stateBytesPerOrder: Math.round(stateBytes / orders),
      ...(process.argv[3] === 'parts' && { bytesPerOrderByPart: parts }),
    }),
  );
}

void main();
