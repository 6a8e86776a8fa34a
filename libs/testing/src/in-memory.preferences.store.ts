import type { CustomerPreferences } from '@ot/domain';
import type { PreferencesStore } from '@ot/application';

/** Preferences kept in a Map, for specs and tests. */
export class InMemoryPreferencesStore implements PreferencesStore {
  private readonly byCustomer = new Map<string, CustomerPreferences>();

  async get(customerId: string): Promise<CustomerPreferences | undefined> {
    return this.byCustomer.get(customerId);
  }

  async getMany(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerPreferences>> {
    return new Map(customerIds.flatMap((id) => (this.byCustomer.has(id) ? [[id, this.byCustomer.get(id)!] as const] : [])));
  }

  async put(preferences: CustomerPreferences): Promise<void> {
    this.byCustomer.set(preferences.customerId, preferences);
  }

  async removeDeviceToken(customerId: string, token: string): Promise<void> {
    const p = this.byCustomer.get(customerId);
    if (!p) return;
    this.byCustomer.set(customerId, { ...p, contacts: { ...p.contacts, deviceTokens: p.contacts.deviceTokens.filter((t) => t !== token) } });
  }
}
