import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { mayAccess } from '@ot/access';
import { type Clock, type EtaViewReader, type EventStore, readOrder, type StatusViewStore } from '@ot/application';
import { DEFAULT_DELAY_RULES, DomainError, type Language, summarizeOrder } from '@ot/domain';
import { BearerAuth, type RequestWithPrincipal, validatedBody } from '@ot/http';
import { IsIn, IsOptional } from 'class-validator';
import { OrderActionOffers } from '../actions/order-actions.offers';
import { CLOCK, ETA_VIEW_STORE, EVENT_STORE, STATUS_VIEW_STORE } from '../app.tokens';
import { summaryFactsOf } from './order-summary.facts';

export class SummaryQueryDto {
  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'en' })
  @IsOptional()
  @IsIn(['ru', 'en'])
  lang?: Language;
}

export class OrderSummaryDto {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ['ru', 'en'] }) language!: Language;
  @ApiProperty({ description: 'One paragraph: where the order is, the ETA window, why it is late if it is, what the customer can do now' })
  summary!: string;
}

/**
 * "Where is my order?" in one paragraph, for a chat-bot or a support agent to forward as is. Read
 * from the same documents as GET /orders/:id, worded by the notifier's phrasebooks; dated on the
 * domain clock (event time during a replay), days counted in the business zone of the delay rules.
 * What the customer can do is what GET /orders/:id/actions offers (OrderActionOffers).
 */
@ApiTags('orders')
@Controller('orders')
@BearerAuth()
export class OrderSummaryController {
  constructor(
    @Inject(STATUS_VIEW_STORE) private readonly views: StatusViewStore,
    @Inject(ETA_VIEW_STORE) private readonly etas: EtaViewReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly offers: OrderActionOffers,
  ) {}

  @Get(':id/summary')
  @ApiOperation({ summary: "The order in one plain-language paragraph (customer, the order's link, or ops token)" })
  @ApiOkResponse({ type: OrderSummaryDto })
  @ApiBadRequestResponse({ description: 'lang is not ru or en' })
  @ApiNotFoundResponse({ description: "No such order, or not the caller's" })
  async summary(@Param('id') orderId: string, @Query(validatedBody()) query: SummaryQueryDto, @Req() request: RequestWithPrincipal): Promise<OrderSummaryDto> {
    const [view, eta] = await Promise.all([this.views.get(orderId), this.etas.get(orderId)]);
    // someone else's order gets the same answer as a missing one, as on GET /orders/:id
    if (!view || !mayAccess(request.principal!, view.customerId, orderId)) throw new DomainError('ORDER_NOT_FOUND', `order ${orderId} is unknown`, { orderId });
    const language = query.lang ?? 'en';
    const order = await readOrder(this.store, orderId);
    const actions = order.exists ? (await this.offers.allowed(order)).map((a) => a.type) : [];
    const facts = summaryFactsOf(view, eta, actions);
    return { orderId, language, summary: summarizeOrder(facts, { language, timeZone: DEFAULT_DELAY_RULES.timeZone, now: this.clock.now().toISOString() }) };
  }
}
