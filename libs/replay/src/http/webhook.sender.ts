import { signedHeaders } from '@ot/partners';
import type { PartnerWebhookCall, WebhookChannel } from '../olist/olist-webhooks.mapper';

export type SendResult = { status: number } | { status: 'error'; error: string };
export type WebhookSecrets = Record<WebhookChannel, string>;

const RETRIES = 3;
const retryable = (r: SendResult): boolean => r.status === 'error' || r.status === 429 || r.status === 503;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signs and POSTs one webhook. Overload (429/503) and connection errors are retried with a
 * short backoff, each time freshly signed (the signature carries the sending time); any other
 * answer is the service's verdict and is reported as it is.
 */
export async function sendWebhook(baseUrl: string, secrets: WebhookSecrets, call: PartnerWebhookCall): Promise<SendResult> {
  const body = JSON.stringify(call.body);
  let result: SendResult = { status: 'error', error: 'not sent' };
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) await sleep(200 * 2 ** attempt);
    try {
      const res = await fetch(`${baseUrl}/webhooks/${call.channel}`, {
        method: 'POST',
        headers: signedHeaders(secrets[call.channel], body),
        body,
      });
      await res.arrayBuffer(); // drain, so the connection goes back to the pool
      result = { status: res.status };
    } catch (error) {
      result = { status: 'error', error: (error as Error).cause ? String((error as Error).cause) : String(error) };
    }
    if (!retryable(result)) return result;
  }
  return result;
}
