import { type OutboundDelivery, PartnerDeliveryFailed, type PartnerWebhookSender } from '@ot/application';
import type { Partner } from '@ot/domain';
import { signedHeaders } from '../webhook-signature';

export type PartnerEndpoint = Readonly<{ url: string; secret: string }>;

/** Header naming the delivery: the partner de-duplicates retries on it (it is also the body's actionId). */
export const DELIVERY_ID_HEADER = 'x-delivery-id';

/**
 * Posts a delivery to its partner signed the way partners sign to us (HMAC of timestamp and body, the
 * partner's own secret), timestamped at the attempt. A 4xx other than 408/429 is the partner refusing the
 * request itself: retrying would not change it, so it is permanent.
 */
export class SignedPartnerWebhookSender implements PartnerWebhookSender {
  constructor(
    private readonly endpoints: ReadonlyMap<Partner, PartnerEndpoint>,
    private readonly timeoutMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async send(delivery: OutboundDelivery): Promise<void> {
    const endpoint = this.endpoints.get(delivery.partner);
    if (!endpoint) throw new PartnerDeliveryFailed(`no endpoint for ${delivery.partner}`, true);
    const headers = { ...signedHeaders(endpoint.secret, delivery.body, Math.floor(this.nowMs() / 1000)), [DELIVERY_ID_HEADER]: delivery.deliveryId };
    let response: Response;
    try {
      response = await fetch(endpoint.url, { method: 'POST', headers, body: delivery.body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new PartnerDeliveryFailed(`${delivery.partner} unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    await response.arrayBuffer().catch(() => undefined); // drain, so the connection is reused
    if (response.ok) return;
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    throw new PartnerDeliveryFailed(`${delivery.partner} answered ${response.status}`, permanent, retryAfterMs(response.headers.get('retry-after')));
  }
}

function retryAfterMs(header: string | null): number | undefined {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
