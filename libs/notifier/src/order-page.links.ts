import { OrderLinkTokens } from '@ot/access';
import type { OrderPageLinker } from '@ot/application';
import { publicBaseUrlOf, type ServiceConfig } from '@ot/config';

/**
 * The links a delay message carries: the customer page (/t/<token>) and its SMS form (/s/<token>,
 * which redirects there). Expiry counts from the wall clock, like the bearer tokens the service checks
 * them with, so links written during a replay of past events still work for ORDER_LINK_TTL_HOURS.
 */
export function orderPageLinker(config: ServiceConfig): OrderPageLinker {
  const tokens = new OrderLinkTokens(config.JWT_SECRET);
  const base = publicBaseUrlOf(config);
  const ttlMs = config.ORDER_LINK_TTL_HOURS * 3_600_000;
  return (orderId, language) => {
    const token = tokens.issue({ orderId, language, expiresAt: Date.now() + ttlMs });
    return { page: `${base}/t/${token}`, short: `${base}/s/${token}` };
  };
}
