import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Clock, type EventStore, type OutboundDelivery, type PartnerOutboxStore, readOrder } from '@ot/application';
import { requestOvertaken } from '@ot/domain';
import { BearerAuth, deadLetterStale, notFound, OpsOnly } from '@ot/http';
import { EVENT_STORE, PARTNER_OUTBOX_STORE, WALL_CLOCK } from '../app.tokens';

/** For operators: outbound webhooks to partners that ran out of attempts, and sending one again. */
@ApiTags('partner outbox')
@Controller('partner-outbox/dead-letters')
@BearerAuth()
@OpsOnly()
export class PartnerOutboxController {
  constructor(
    @Inject(PARTNER_OUTBOX_STORE) private readonly outbox: PartnerOutboxStore,
    @Inject(WALL_CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Outbound webhooks that ran out of attempts (oldest first, at most 500)' })
  @ApiOkResponse({ description: '{ items: [{ deliveryId, orderId, partner, body, attempts, lastError, ... }] }' })
  async list(): Promise<{ items: OutboundDelivery[] }> {
    return { items: await this.outbox.deadLetters(500) };
  }

  @Post(':deliveryId/redrive')
  @HttpCode(202)
  @ApiOperation({ summary: 'Back to the outbox with attempts reset; sent on the next pass' })
  @ApiAcceptedResponse({ description: '{ deliveryId, state: "pending" }' })
  @ApiNotFoundResponse({ description: 'dead-letter-not-found: no dead delivery with that id' })
  @ApiConflictResponse({ description: 'dead-letter-stale: the order has ended or the partner has answered since; the letter is kept' })
  async redrive(@Param('deliveryId') deliveryId: string): Promise<{ deliveryId: string; state: 'pending' }> {
    const dead = await this.outbox.get(deliveryId);
    const order = dead?.state === 'dead' ? await readOrder(this.events, dead.orderId) : undefined;
    const overtaken = order?.exists ? requestOvertaken(order, deliveryId) : undefined;
    if (overtaken) throw deadLetterStale(overtaken);
    if (!(await this.outbox.redrive(deliveryId, this.clock.now().toISOString()))) {
      throw notFound('dead-letter-not-found', 'Dead letter not found', `no dead outbound webhook ${deliveryId}`);
    }
    return { deliveryId, state: 'pending' };
  }
}
