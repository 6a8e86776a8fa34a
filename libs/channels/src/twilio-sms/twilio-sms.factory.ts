import type TwilioSdk from 'twilio';
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import type { VendorSettings } from '../channel.settings';
import { TwilioSmsSender } from './twilio-sms.sender';

/** Retry-After is either seconds or an HTTP date (RFC 9110 10.2.3); anything else is ignored. */
export function parseRetryAfter(value: unknown, nowMs = Date.now()): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

// Required on first use, not at start: the embedded default never sends through Twilio, and loading the
// SDK cost about 70 ms and 20 MB of RSS at every start (docs/PERFORMANCE.md, session 9).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
const sdk = (): typeof TwilioSdk => require('twilio') as typeof TwilioSdk;
let requestClient: typeof RequestClient | undefined;

/**
 * The SDK's RestException keeps status, code and message but drops the response headers, so the
 * Retry-After of a 429 or 503 would be lost. This request client (the SDK's documented httpClient
 * extension point) throws the same RestException with retryAfterMs attached for those answers, and
 * passes every other response through untouched for the SDK to handle as usual. Made once, on first use.
 */
function retryAfterAwareRequestClient(): RequestClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  requestClient ??= class RetryAfterAwareRequestClient extends (require('twilio/lib/base/RequestClient') as typeof RequestClient) {
    async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
      const response = await super.request<TData>(opts);
      if (response.statusCode === 429 || response.statusCode === 503) {
        const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
        if (retryAfterMs !== undefined) throw Object.assign(new (sdk().RestException)(response), { retryAfterMs });
      }
      return response;
    }
  };
  return new requestClient();
}

export function createTwilioClient(accountSid: string, authToken: string): Twilio {
  // The notifier retries with its own backoff; Twilio's built-in 429 auto-retry stays off (the default).
  return sdk()(accountSid, authToken, { httpClient: retryAfterAwareRequestClient() });
}

/** TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (E.164 number or MG... Messaging Service SID). */
export function twilioSmsSenderFromConfig(settings: VendorSettings): TwilioSmsSender {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, TWILIO_FROM: from } = settings;
  const missing = Object.entries({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, TWILIO_FROM: from })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) throw new Error(`Twilio SMS needs ${missing.join(', ')}`);
  return new TwilioSmsSender(createTwilioClient(sid as string, token as string), from as string);
}
