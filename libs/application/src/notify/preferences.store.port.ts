import type { CustomerPreferences } from '@ot/domain';

/** Customer notification preferences: read by the notifier, edited over HTTP by the customer. */
export interface PreferencesStore {
  get(customerId: string): Promise<CustomerPreferences | undefined>;
  /** get() for several customers in one read: those with preferences, keyed by customer id. */
  getMany(customerIds: readonly string[]): Promise<ReadonlyMap<string, CustomerPreferences>>;
  put(preferences: CustomerPreferences): Promise<void>;
  /** A provider said the device token is dead (e.g. FCM "unregistered"): forget it so we stop trying it. */
  removeDeviceToken(customerId: string, token: string): Promise<void>;
}
