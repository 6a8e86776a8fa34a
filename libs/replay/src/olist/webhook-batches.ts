import type { PartnerWebhookCall, WebhookChannel } from './olist-webhooks.mapper';

/** Calls for one partner's batch endpoint, sent at the time of its first call. */
export type WebhookBatch = Readonly<{ channel: WebhookChannel; at: number; orderIds: readonly string[]; calls: readonly PartnerWebhookCall[] }>;

/** The order a window's batches go out in: an order's warehouse steps come before its delivery. */
const CHANNELS: readonly WebhookChannel[] = ['warehouse', 'courier'];

/**
 * Cuts time-ordered calls into windows of at most `size` calls per partner; each window becomes one
 * batch per partner, warehouse first. A call that would reach the service before an earlier call of
 * its own order (a warehouse step after the order's delivery in the same window) starts a new window.
 */
export function webhookBatches(calls: readonly { call: PartnerWebhookCall; at: number }[], size: number): WebhookBatch[] {
  const batches: WebhookBatch[] = [];
  let window = new Map<WebhookChannel, { at: number; calls: PartnerWebhookCall[] }>();
  let latestChannel = new Map<string, number>(); // order id -> the latest channel (index) it has in this window
  const flush = (): void => {
    for (const channel of CHANNELS) {
      const part = window.get(channel);
      if (part) batches.push({ channel, at: part.at, orderIds: [...new Set(part.calls.map((c) => c.orderId))], calls: part.calls });
    }
    window = new Map();
    latestChannel = new Map();
  };
  for (const { call, at } of calls) {
    const rank = CHANNELS.indexOf(call.channel);
    if ((latestChannel.get(call.orderId) ?? rank) > rank || (window.get(call.channel)?.calls.length ?? 0) >= size) flush();
    const part = window.get(call.channel) ?? { at, calls: [] };
    part.calls.push(call);
    window.set(call.channel, part);
    latestChannel.set(call.orderId, Math.max(rank, latestChannel.get(call.orderId) ?? rank));
  }
  flush();
  return batches;
}
