import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfReachable, postgresBackings, postgresUnreachable, sqliteBackings } from '@ot/testing';
import Database from 'better-sqlite3';
import { describePartnerOutboxContract } from '../contract/partner-outbox.contract';
import { PostgresPartnerOutboxStore } from './postgres.partner-outbox.store';
import { SqlitePartnerOutboxStore } from './sqlite.partner-outbox.store';

describePartnerOutboxContract(
  'sqlite',
  sqliteBackings('partner-outbox', (path) => new SqlitePartnerOutboxStore(path)),
);
describeIfReachable('partner outbox on PostgreSQL', postgresUnreachable(), () => {
  describePartnerOutboxContract(
    'postgres',
    postgresBackings('partner_outbox_test', (db) => PostgresPartnerOutboxStore.open(db)),
  );
});

describe('sqlite partner outbox', () => {
  it('prepares its statements once, when opened, not on every call', async () => {
    const store = new SqlitePartnerOutboxStore(':memory:');
    const prepare = jest.spyOn(Database.prototype, 'prepare');
    try {
      await store.enqueue([{ deliveryId: 'd1', orderId: 'o1', partner: 'courier', body: '{}', createdAt: '2026-01-01T00:00:00.000Z' }], 1);
      await store.checkpoint();
      await store.claimDue('2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', 10);
      await store.recordAttempt('d1', { state: 'dead', error: 'refused' });
      await store.deadLetters(10);
      await store.redrive('d1', '2026-01-01T00:02:00.000Z');
      await store.get('d1');
      expect(prepare).not.toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
      store.close();
    }
  });
});

describe('sqlite partner outbox checkpoint', () => {
  it('is read from the file once, then again only after this store moved or reset it', async () => {
    const store = new SqlitePartnerOutboxStore(':memory:');
    const probe = new Database(':memory:');
    const reads = jest.spyOn(Object.getPrototypeOf(probe.prepare('SELECT 1')) as { get(): unknown }, 'get');
    probe.close();
    try {
      expect([await store.checkpoint(), await store.checkpoint()]).toEqual([0, 0]);
      await store.enqueue([], 4);
      expect([await store.checkpoint(), await store.checkpoint()]).toEqual([4, 4]);
      await store.anchoring.reset();
      expect(await store.checkpoint()).toBe(0);
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
      store.close();
    }
  });
});

describe('sqlite partner outbox anchoring', () => {
  it('keeps the anchor across a reopen; reset forgets deliveries, checkpoint and anchor', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'outbox-anchor-')), 'outbox.db');
    const first = new SqlitePartnerOutboxStore(path);
    await first.enqueue([{ deliveryId: 'd1', orderId: 'o1', partner: 'courier', body: '{}', createdAt: '2026-01-01T00:00:00.000Z' }], 7);
    await first.anchoring.saveAnchor({ position: 7, anchor: 'order-o1@3' });
    first.close();
    const again = new SqlitePartnerOutboxStore(path);
    expect(await again.anchoring.savedAnchor()).toEqual({ position: 7, anchor: 'order-o1@3' });
    await again.anchoring.reset();
    expect([await again.checkpoint(), await again.get('d1'), await again.anchoring.savedAnchor()]).toEqual([0, undefined, undefined]);
    again.close();
  });
});
