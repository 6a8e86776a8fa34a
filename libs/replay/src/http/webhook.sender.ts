import { signedHeaders } from '@ot/partners';
import type { PartnerWebhookCall, WebhookChannel } from '../olist/olist-webhooks.mapper';
import type { WebhookBatch } from '../olist/webhook-batches';

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
  const { result } = await post(`${baseUrl}/webhooks/${call.channel}`, secrets[call.channel], JSON.stringify(call.body));
  return result;
}

/**
 * POSTs one batch to /webhooks/<channel>/batch (retried as a whole, like a single webhook) and
 * gives one result per call: the item's own status, or the request's failure for every item.
 */
export async function sendWebhookBatch(baseUrl: string, secrets: WebhookSecrets, batch: WebhookBatch): Promise<SendResult[]> {
  const body = JSON.stringify({ events: batch.calls.map((c) => c.body) });
  const { result, answer } = await post(`${baseUrl}/webhooks/${batch.channel}/batch`, secrets[batch.channel], body);
  if (result.status !== 200) return batch.calls.map(() => result);
  return (JSON.parse(answer) as { results: { status: number }[] }).results.map(({ status }) => ({ status }));
}

async function post(url: string, secret: string, body: string): Promise<{ result: SendResult; answer: string }> {
  let result: SendResult = { status: 'error', error: 'not sent' };
  let answer = '';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) await sleep(200 * 2 ** attempt);
    try {
      const res = await fetch(url, { method: 'POST', headers: signedHeaders(secret, body), body });
      answer = await res.text(); // read whole, so the connection goes back to the pool
      result = { status: res.status };
    } catch (error) {
      result = { status: 'error', error: (error as Error).cause ? String((error as Error).cause) : String(error) };
    }
    if (!retryable(result)) return { result, answer };
  }
  return { result, answer };
}
