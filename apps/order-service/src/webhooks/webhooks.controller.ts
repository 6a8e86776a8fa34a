import { Body, Controller, HttpCode, Logger, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Partner } from '@ot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonBodyPipe } from '../http/json-body.pipe';
import { type ProblemDetails, problemOf } from '@ot/http';
import { WebhookRateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import { rawDecisionOf } from '../http/raw-routes.server';
import { batchItems } from './batch.payload';
import { PartnerEventRecorder, statusOf, type WebhookResult } from './partner-event.recorder';
import type { RawWebhookFailure } from './partner-webhook.raw-route';
import { WebhookSignatureGuard } from './webhook-signature.guard';

export type { WebhookResult } from './partner-event.recorder';
export type BatchItemResult = { index: number; status: number } & (Partial<WebhookResult> & { error?: ProblemDetails });

@Controller('webhooks/:partner')
@UseGuards(WebhookSignatureGuard, WebhookRateLimitGuard) // authenticate first: only a verified partner spends its bucket
export class WebhooksController {
  private readonly logger = new Logger('Webhooks');

  constructor(private readonly recorder: PartnerEventRecorder) {}

  @Post()
  async receive(
    @Param('partner') partner: Partner,
    @Body(JsonBodyPipe) body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookResult> {
    const failed = rawDecisionOf<RawWebhookFailure>(request.raw); // recorded on node:http, which hands over its failures
    if (failed) throw failed.error;
    const result = await this.record(partner, body, request.id);
    reply.status(statusOf(result));
    return result;
  }

  /**
   * Every item is started at once, so the appends of independent items reach the store in the same
   * turn and share one transaction (its group commit); the items of one order still run one after
   * the other, in the batch's order (handleCommand's queue per order). Each item answers for itself.
   */
  @Post('batch')
  @HttpCode(200)
  async receiveBatch(
    @Param('partner') partner: Partner,
    @Body(JsonBodyPipe) body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<{ results: BatchItemResult[] }> {
    return { results: await Promise.all(batchItems(body).map((item, index) => this.recordItem(partner, item, index, request.id))) };
  }

  private async recordItem(partner: Partner, item: unknown, index: number, requestId: string): Promise<BatchItemResult> {
    try {
      const result = await this.record(partner, item, requestId);
      return { index, status: statusOf(result), ...result };
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status >= 500) this.logger.error(`batch item ${index} failed`, error instanceof Error ? error.stack : String(error));
      return { index, status: problem.status, ...orderIdOf(item), error: problem };
    }
  }

  private async record(partner: Partner, body: unknown, requestId: string): Promise<WebhookResult> {
    return this.recorder.record(this.recorder.eventOf(partner, body), requestId);
  }
}

/** Best effort, so a partner can match a failed item to its order; every partner's id field is tried. */
function orderIdOf(item: unknown): { orderId?: string } {
  const fields = item as { orderId?: unknown; shipmentRef?: unknown } | null;
  const orderId = fields?.orderId ?? fields?.shipmentRef;
  return typeof orderId === 'string' ? { orderId } : {};
}
