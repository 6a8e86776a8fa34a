import type { CustomerPreferences } from '@ot/domain';

/** Customer notification preferences: read by the notifier, edited over HTTP by the customer. */
export interface PreferencesStore {
  get(customerId: string): Promise<CustomerPreferences | undefined>;
  put(preferences: CustomerPreferences): Promise<void>;
  /** A provider said the device token is dead (e.g. FCM "unregistered"): forget it so we stop trying it. */
  removeDeviceToken(customerId: string, token: string): Promise<void>;
}
