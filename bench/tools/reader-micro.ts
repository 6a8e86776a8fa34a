import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEtaViewStore, SqliteOrderDocumentsReader, SqliteStatusViewStore } from '@ot/read-model';
import { seededOrderId, seedOrders } from '../fixtures/seed-orders';

/**
 * CPU per cache-miss read of GET /orders/:id's documents on 100k seeded orders: the one-lookup
 * reader (status file with the ETA file attached) against the two stores read one after the other.
 * `node -r ./scripts/swc-register.js bench/tools/reader-micro.ts`
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reader-micro-'));
  const statusPath = join(dir, 'read-model.db');
  const etaPath = join(dir, 'eta.db');
  await seedOrders(join(dir, 'events.db'), statusPath, 100_000);
  const status = new SqliteStatusViewStore({ path: statusPath });
  const eta = new SqliteEtaViewStore(etaPath);
  const reader = new SqliteOrderDocumentsReader({ statusPath, etaPath });
  const ids = Array.from({ length: 50_000 }, () => seededOrderId(Math.floor(Math.random() * 100_000)));
  for (let round = 0; round < 3; round++) {
    let t = process.cpuUsage();
    for (const id of ids) await reader.read(id);
    const joined = process.cpuUsage(t);
    t = process.cpuUsage();
    for (const id of ids) {
      await status.stored(id);
      await eta.get(id);
    }
    const two = process.cpuUsage(t);
    const us = (c: NodeJS.CpuUsage) => ((c.user + c.system) / ids.length).toFixed(1);
    console.log(`round ${round}: joined ${us(joined)} us/read, two stores ${us(two)} us/read`);
  }
}
void main();
