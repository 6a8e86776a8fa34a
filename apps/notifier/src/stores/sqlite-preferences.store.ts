import type { PreferencesStore } from '@ot/application';
import type { CustomerPreferences } from '@ot/domain';
import type Database from 'better-sqlite3';

/** Preferences as one JSON document per customer: they are always read and written whole. */
export class SqlitePreferencesStore implements PreferencesStore {
  constructor(private readonly db: Database.Database) {}

  async get(customerId: string): Promise<CustomerPreferences | undefined> {
    const row = this.db.prepare('SELECT doc FROM preferences WHERE customer_id = ?').get(customerId) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as CustomerPreferences) : undefined;
  }

  async put(preferences: CustomerPreferences): Promise<void> {
    this.db
      .prepare('INSERT INTO preferences (customer_id, doc) VALUES (?, ?) ON CONFLICT(customer_id) DO UPDATE SET doc = excluded.doc')
      .run(preferences.customerId, JSON.stringify(preferences));
  }

  async removeDeviceToken(customerId: string, token: string): Promise<void> {
    // Read-modify-write in one transaction, so a concurrent PUT from the customer is not overwritten.
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT doc FROM preferences WHERE customer_id = ?').get(customerId) as { doc: string } | undefined;
      if (!row) return;
      const p = JSON.parse(row.doc) as CustomerPreferences;
      const next = { ...p, contacts: { ...p.contacts, deviceTokens: p.contacts.deviceTokens.filter((t) => t !== token) } };
      this.db.prepare('UPDATE preferences SET doc = ? WHERE customer_id = ?').run(JSON.stringify(next), customerId);
    }).immediate();
  }
}
