import { Body, Controller, HttpCode, Inject, Logger, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandOutcome } from '@ot/application';
import type { Partner } from '@ot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, WALL_CLOCK } from '../app.tokens';
import type { ServiceConfig } from '@ot/config';
import { JsonBodyPipe } from '../http/json-body.pipe';
import { type ProblemDetails, problemOf } from '@ot/http';
import { WebhookRateLimitGuard } from '../http/rate-limit/rate-limit.guard';
import { RecordPartnerEventCommand } from '../orders/record-partner-event.command';
import { batchItems } from './batch.payload';
import { toPartnerEvent } from './partner-webhooks';
import { WebhookSignatureGuard } from './webhook-signature.guard';

export type WebhookResult = Pick<CommandOutcome, 'orderId' | 'outcome' | 'streamVersion'>;
export type BatchItemResult = { index: number; status: number } & (Partial<WebhookResult> & { error?: ProblemDetails });

/** 202: newly recorded (durably). 200: seen before, answered with the original's version. */
const statusOf = (result: WebhookResult): number => (result.outcome === 'appended' ? 202 : 200);

@Controller('webhooks/:partner')
@UseGuards(WebhookSignatureGuard, WebhookRateLimitGuard) // authenticate first: only a verified partner spends its bucket
export class WebhooksController {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Post()
  async receive(
    @Param('partner') partner: Partner,
    @Body(JsonBodyPipe) body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookResult> {
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
    // Wall time even when CLOCK=event-time: a replayed event is old, a future one is wrong either way.
    const event = toPartnerEvent(partner, body, this.wallClock.now().getTime() + this.config.MAX_EVENT_FUTURE_SKEW_MS);
    const command = new RecordPartnerEventCommand({ type: 'RecordPartnerEvent', data: { event } }, requestId);
    const { orderId, outcome, streamVersion } = await this.commandBus.execute<RecordPartnerEventCommand, CommandOutcome>(command);
    return { orderId, outcome, streamVersion };
  }
}

/** Best effort, so a partner can match a failed item to its order; every partner's id field is tried. */
function orderIdOf(item: unknown): { orderId?: string } {
  const fields = item as { orderId?: unknown; shipmentRef?: unknown } | null;
  const orderId = fields?.orderId ?? fields?.shipmentRef;
  return typeof orderId === 'string' ? { orderId } : {};
}
