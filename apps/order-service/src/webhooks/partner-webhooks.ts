import type { Partner, PartnerEvent } from '@ot/domain';
import { courierWebhook } from './courier/courier.normaliser';
import { pickupPointWebhook } from './pickup-point/pickup-point.normaliser';
import type { PartnerWebhook } from './shared/partner-webhook';
import { InvalidPayloadError } from '@ot/http';
import { validatePayload } from './shared/payload-validation';
import { warehouseWebhook } from './warehouse/warehouse.normaliser';

const parseWith =
  <P extends object>(webhook: PartnerWebhook<P>) =>
  (body: unknown, latest: number): PartnerEvent => {
    const event = webhook.normalise(validatePayload(webhook.payload, body, webhook.kindField, webhook.kinds));
    // A scan dated years ahead would hold the order's status for good (every real scan after it looks late).
    if (Date.parse(event.data.occurredAt) > latest) {
      const message = `${webhook.timeField} ${event.data.occurredAt} is in the future, beyond ${new Date(latest).toISOString()} (our clock plus the allowed skew)`;
      throw new InvalidPayloadError([{ field: webhook.timeField, message }]);
    }
    return event;
  };

/** One entry per partner: adding a partner is a payload, a normaliser and a line here. */
const PARSERS: Record<Partner, (body: unknown, latest: number) => PartnerEvent> = {
  warehouse: parseWith(warehouseWebhook),
  courier: parseWith(courierWebhook),
  'pickup-point': parseWith(pickupPointWebhook),
};

/**
 * Validates one payload against its partner's contract and turns it into the domain event it
 * reports; an event dated after `latest` (epoch ms: our clock plus MAX_EVENT_FUTURE_SKEW_MS) is invalid.
 */
export const toPartnerEvent = (partner: Partner, body: unknown, latest = Infinity): PartnerEvent => PARSERS[partner](body, latest);
