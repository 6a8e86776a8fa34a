import type { OpenAPIObject } from '@nestjs/swagger';
import { PARTNERS } from '@ot/domain';
import { componentSchemas, type JsonSchema, type OpenApiOptions } from '@ot/observability';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@ot/partners';
import { CSRF_HEADER, SESSION_COOKIE } from '../ops-console/session/ops-session';
import { MAX_BATCH_SIZE } from '../webhooks/batch.payload';
import { courierWebhook } from '../webhooks/courier/courier.normaliser';
import { pickupPointWebhook } from '../webhooks/pickup-point/pickup-point.normaliser';
import { warehouseWebhook } from '../webhooks/warehouse/warehouse.normaliser';

const WEBHOOKS = { warehouse: warehouseWebhook, courier: courierWebhook, 'pickup-point': pickupPointWebhook };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/**
 * What Nest's scan of the controllers cannot know: the partners' payloads (the webhook route reads a
 * raw body so the signature covers its exact bytes), built from the DTO classes that validate them,
 * and GET /orders/:id, which is registered on Fastify directly.
 */
export const orderServiceOpenApi: OpenApiOptions = {
  title: 'Order tracking',
  description: 'Partners post signed webhooks; customers and operators read order status, notifications and preferences.',
  version: '1',
  complete(document: OpenAPIObject) {
    const payloads = Object.values(WEBHOOKS).map((w) => w.payload);
    (document.components!.securitySchemes ??= {})[SESSION_COOKIE] = {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: `The ops console session: set by POST /ops/session; state-changing requests also send ${CSRF_HEADER}`,
    };
    const schemas = document.components!.schemas as Record<string, JsonSchema>;
    Object.assign(schemas, componentSchemas(...payloads), {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details',
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        required: ['type', 'title', 'status'],
      },
      WebhookResult: {
        type: 'object',
        properties: { orderId: { type: 'string' }, outcome: { enum: ['appended', 'duplicate'] }, streamVersion: { type: 'integer' } },
      },
    });
    const payload = {
      oneOf: payloads.map((p) => ref(p.name)),
      description: Object.entries(WEBHOOKS)
        .map(([partner, w]) => `${partner}: ${w.payload.name} (${w.kindField} is one of ${w.kinds.join(', ')})`)
        .join('; '),
    };
    const signed = [
      { name: 'partner', in: 'path', required: true, schema: { enum: [...PARTNERS] } },
      {
        name: SIGNATURE_HEADER,
        in: 'header',
        required: true,
        description: 'sha256=<hex HMAC of "<timestamp>.<raw body>"> (docs/WEBHOOKS.md)',
        schema: { type: 'string' },
      },
      { name: TIMESTAMP_HEADER, in: 'header', required: true, description: 'Unix seconds; must be fresh', schema: { type: 'string' } },
    ];
    // docs/WEBHOOKS.md, "Errors": what fails a whole request; a batch answers the order's own refusals per item
    const rejections = {
      400: problem('Malformed JSON or invalid payload (errors lists the fields)'),
      401: problem('Bad or stale signature'),
      413: problem('Body over BODY_LIMIT_BYTES (a batch: BATCH_BODY_LIMIT_BYTES)'),
      415: problem('Content-Type is not application/json'),
      429: problem('Partner rate limit'),
    };
    const refusals = {
      404: problem('No such order (never placed), or an answer naming an action the order does not have'),
      409: problem("Not allowed in the order's state, or this event id already names another fact"),
      412: problem('Another process kept writing the order during the retries: retry'),
    };
    Object.assign(document.paths['/webhooks/{partner}'].post!, {
      summary: 'One partner event',
      parameters: signed,
      requestBody: { required: true, content: { 'application/json': { schema: payload } } },
      responses: {
        202: { description: 'Recorded (durably)', content: { 'application/json': { schema: ref('WebhookResult') } } },
        200: { description: "Seen before: the original's version", content: { 'application/json': { schema: ref('WebhookResult') } } },
        ...rejections,
        ...refusals,
      },
    });
    Object.assign(document.paths['/webhooks/{partner}/batch'].post!, {
      summary: `Up to ${MAX_BATCH_SIZE} partner events, each answered on its own`,
      parameters: signed,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['events'], properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_SIZE, items: payload } } },
          },
        },
      },
      responses: { 200: { description: 'One result per item, in order: status, and the outcome or a problem' }, ...rejections },
    });
    document.paths['/orders/{id}'] = {
      get: {
        summary: "The order as its customer (or an operator) sees it: status, timeline, ETA, delay (customer, the order's link, or ops token)",
        tags: ['orders'],
        security: [{ bearer: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'if-none-match', in: 'header', required: false, description: 'The ETag of a previous answer', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'The status document (ETag, Cache-Control: private, no-cache)', content: { 'application/json': { schema: { type: 'object' } } } },
          304: { description: 'Unchanged since the ETag given' },
          401: problem('Missing, invalid or expired token'),
          404: problem("No such order, or not the caller's"),
          429: problem('Rate limit per token subject'),
        },
      },
    };
  },
};
