import type { PreferencesStore } from '@ot/application';
import type { CustomerPreferences } from '@ot/domain';
import type Database from 'better-sqlite3';

/** Preferences as one JSON document per customer: they are always read and written whole. */
export class SqlitePreferencesStore implements PreferencesStore {
  private readonly select: Database.Statement<[string], { doc: string }>;
  private readonly selectMany: Database.Statement<[string], { customer_id: string; doc: string }>;
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly update: Database.Statement<[string, string]>;
  private readonly removeTokenTx: Database.Transaction<(customerId: string, token: string) => void>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT doc FROM preferences WHERE customer_id = ?');
    this.selectMany = db.prepare('SELECT customer_id, doc FROM preferences WHERE customer_id IN (SELECT value FROM json_each(?))');
    this.upsert = db.prepare('INSERT INTO preferences (customer_id, doc) VALUES (?, ?) ON CONFLICT(customer_id) DO UPDATE SET doc = excluded.doc');
    this.update = db.prepare('UPDATE preferences SET doc = ? WHERE customer_id = ?');
    // Read-modify-write in one transaction, so a concurrent PUT from the customer is not overwritten.
    this.removeTokenTx = db.transaction((customerId: string, token: string) => {
      const row = this.select.get(customerId);
      if (!row) return;
      const p = JSON.parse(row.doc) as CustomerPreferences;
      const next = { ...p, contacts: { ...p.contacts, deviceTokens: p.contacts.deviceTokens.filter((t) => t !== token) } };
      this.update.run(JSON.stringify(next), customerId);
    });
  }

  async get(customerId: string): Promise<CustomerPreferences | undefined> {
    const row = this.select.get(customerId);
    return row ? (JSON.parse(row.doc) as CustomerPreferences) : undefined;
  }

  async getMany(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerPreferences>> {
    if (!customerIds.length) return new Map();
    return new Map(this.selectMany.all(JSON.stringify(customerIds)).map((r) => [r.customer_id, JSON.parse(r.doc) as CustomerPreferences]));
  }

  async put(preferences: CustomerPreferences): Promise<void> {
    this.upsert.run(preferences.customerId, JSON.stringify(preferences));
  }

  async removeDeviceToken(customerId: string, token: string): Promise<void> {
    this.removeTokenTx.immediate(customerId, token);
  }
}
