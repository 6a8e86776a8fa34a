import { PARTNERS } from '@ot/domain';
import type { OpsMetrics, ResponseObserver } from '@ot/observability';

const WEBHOOK_ROUTES = new Set(['/webhooks/:partner', '/webhooks/:partner/batch']);
const KNOWN = new Set<string>(PARTNERS); // a made-up partner in the URL must not mint a new series

/** One webhook response as an outcome a partner manager understands; a batch counts as one request. */
function outcomeOf(status: number, batch: boolean): string {
  if (batch && status === 200) return 'batch';
  if (status === 202) return 'recorded';
  if (status === 200) return 'duplicate';
  if (status === 401) return 'unauthenticated';
  if (status === 429) return 'rate-limited';
  return status >= 500 ? 'failed' : 'rejected';
}

/** Counts webhooks by partner and outcome in the response hook every request passes anyway. */
export const countWebhooks =
  (metrics: OpsMetrics): ResponseObserver =>
  (request, reply) => {
    if (!request.url.startsWith('/webhooks/')) return; // cheap first: routeOptions builds an object per call
    const route = request.routeOptions.url;
    if (!route || !WEBHOOK_ROUTES.has(route)) return;
    countWebhook(metrics, (request.params as { partner?: string }).partner ?? '', reply.statusCode, route.endsWith('/batch'));
  };

/** One webhook response in the counter: the response hook's count, and the one of a webhook answered on node:http. */
export function countWebhook(metrics: OpsMetrics, partner: string, status: number, batch: boolean): void {
  metrics.webhooks.inc({ partner: KNOWN.has(partner) ? partner : 'unknown', outcome: outcomeOf(status, batch) });
}
