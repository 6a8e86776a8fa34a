import { signedHeaders } from '@ot/partners';
import { courier, orderPlaced } from '../../e2e/support/payloads';
import { SECRETS } from '../../e2e/support/test-app';

/** What the service acknowledged with a 2xx: this event is promised to be in order-<orderId> at streamVersion. */
export type Ack = { orderId: string; streamVersion: number; type: 'OrderPlaced' | 'HandedToCarrier' };

export type LoadResult = { acks: Ack[]; sent: number; failed: number };

/**
 * Signed webhook load over real HTTP with bounded concurrency: each worker places an order and then
 * scans it as picked up. Stops once `stopAfterAcks` are acknowledged (calling onThreshold once,
 * e.g. to kill the server) or at `maxRequests`; after the kill (ours, or killedElsewhere) a failed
 * request ends its worker.
 */
export async function driveWebhooks(
  base: string,
  runId: string,
  opts: { concurrency: number; maxRequests: number; stopAfterAcks: number; onThreshold?: () => void; killedElsewhere?: () => boolean },
): Promise<LoadResult> {
  const acks: Ack[] = [];
  let sent = 0;
  let failed = 0;
  let next = 0;
  let fired = false;
  const post = async (partner: 'warehouse' | 'courier', body: unknown): Promise<{ streamVersion: number } | undefined> => {
    sent++;
    const raw = JSON.stringify(body);
    const res = await fetch(`${base}/webhooks/${partner}`, {
      method: 'POST',
      body: raw,
      headers: signedHeaders(SECRETS[partner], raw),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 202 && res.status !== 200) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
    return (await res.json()) as { streamVersion: number };
  };
  const worker = async (): Promise<void> => {
    while (sent < opts.maxRequests && acks.length < opts.stopAfterAcks) {
      const orderId = `${runId}-${next++}`;
      try {
        const placed = await post('warehouse', orderPlaced(orderId, 'c1'));
        acks.push({ orderId, streamVersion: placed!.streamVersion, type: 'OrderPlaced' });
        const scanned = await post('courier', courier(orderId, 'PICKED_UP', '2026-01-02T09:00:00Z'));
        acks.push({ orderId, streamVersion: scanned!.streamVersion, type: 'HandedToCarrier' });
      } catch (error) {
        failed++;
        if (!fired && !opts.killedElsewhere?.()) throw error; // before the kill, any failure is a real one
        return; // the server is gone: this request may or may not have landed, it was not acknowledged
      } finally {
        if (!fired && acks.length >= opts.stopAfterAcks) {
          fired = true;
          opts.onThreshold?.();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { acks, sent, failed };
}
