import type { PreferencesStore } from '@ot/application';
import type { CustomerPreferences } from '@ot/domain';
import type { PostgresDatabase } from '@ot/sql';
import { migrateNotifierPostgres } from './postgres.notifier.schema';

/** Preferences as one JSON document per customer, in the shared PostgreSQL schema. */
export class PostgresPreferencesStore implements PreferencesStore {
  private constructor(private readonly db: PostgresDatabase) {}

  static async open(db: PostgresDatabase): Promise<PostgresPreferencesStore> {
    await migrateNotifierPostgres(db);
    return new PostgresPreferencesStore(db);
  }

  async get(customerId: string): Promise<CustomerPreferences | undefined> {
    const [row] = await this.db.query<{ doc: string }>('SELECT doc FROM preferences WHERE customer_id = $1', [customerId]);
    return row && (JSON.parse(row.doc) as CustomerPreferences);
  }

  async getMany(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerPreferences>> {
    if (!customerIds.length) return new Map();
    const rows = await this.db.query<{ customer_id: string; doc: string }>('SELECT customer_id, doc FROM preferences WHERE customer_id = ANY($1)', [
      [...customerIds],
    ]);
    return new Map(rows.map((r) => [r.customer_id, JSON.parse(r.doc) as CustomerPreferences]));
  }

  async put(preferences: CustomerPreferences): Promise<void> {
    await this.db.query('INSERT INTO preferences (customer_id, doc) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET doc = excluded.doc', [
      preferences.customerId,
      JSON.stringify(preferences),
    ]);
  }

  /** Read-modify-write under the row's lock, so a concurrent PUT from the customer is not overwritten. */
  async removeDeviceToken(customerId: string, token: string): Promise<void> {
    await this.db.transaction(async (client) => {
      const { rows } = await client.query<{ doc: string }>('SELECT doc FROM preferences WHERE customer_id = $1 FOR UPDATE', [customerId]);
      if (!rows.length) return;
      const p = JSON.parse(rows[0].doc) as CustomerPreferences;
      const next = { ...p, contacts: { ...p.contacts, deviceTokens: p.contacts.deviceTokens.filter((t) => t !== token) } };
      await client.query('UPDATE preferences SET doc = $1 WHERE customer_id = $2', [JSON.stringify(next), customerId]);
    });
  }
}
