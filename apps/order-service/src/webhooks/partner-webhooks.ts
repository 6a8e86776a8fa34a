import type { Partner, PartnerEvent } from '@ot/domain';
import { courierWebhook } from './courier/courier.normaliser';
import { pickupPointWebhook } from './pickup-point/pickup-point.normaliser';
import type { PartnerWebhook } from './shared/partner-webhook';
import { validatePayload } from './shared/payload-validation';
import { warehouseWebhook } from './warehouse/warehouse.normaliser';

const parseWith =
  <P extends object>(webhook: PartnerWebhook<P>) =>
  (body: unknown): PartnerEvent =>
    webhook.normalise(validatePayload(webhook.payload, body, webhook.kindField, webhook.kinds));

/** One entry per partner: adding a partner is a payload, a normaliser and a line here. */
const PARSERS: Record<Partner, (body: unknown) => PartnerEvent> = {
  warehouse: parseWith(warehouseWebhook),
  courier: parseWith(courierWebhook),
  'pickup-point': parseWith(pickupPointWebhook),
};

/** Validates one payload against its partner's contract and turns it into the domain event it reports. */
export const toPartnerEvent = (partner: Partner, body: unknown): PartnerEvent => PARSERS[partner](body);
