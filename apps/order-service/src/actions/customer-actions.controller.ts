import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@ot/application';
import type { ActionOffer } from '@ot/domain';
import { BearerAuth, type RequestWithPrincipal, validatedBody } from '@ot/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK } from '../app.tokens';
import { OrderOwner } from '../orders/order-owner';
import { actionIdOf } from './action-id';
import { CustomerActionBody } from './customer-action.body';
import { RequestCustomerActionCommand } from './request-customer-action.command';
import { OrderActionOffers } from './order-actions.offers';
import type { ActionReceipt } from './request-customer-action.handler';

/** A customer acting on a late order (issue 17): what the order allows now, and asking for one of them. */
@ApiTags('customer actions')
@Controller('orders/:id/actions')
@BearerAuth()
export class CustomerActionsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly owner: OrderOwner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly offers: OrderActionOffers,
  ) {}

  @Get()
  @ApiOperation({ summary: "The actions the order's state allows now, with the days and pickup points the partners offer" })
  @ApiOkResponse({ description: '{ orderId, actions: [{ type, days?, pickupPoints? }] }' })
  async list(@Param('id') orderId: string, @Req() request: RequestWithPrincipal): Promise<{ orderId: string; actions: ActionOffer[] }> {
    const order = await this.owner.ownOrder(request, orderId, 'open');
    return { orderId, actions: await this.offers.allowed(order) };
  }

  @Post()
  @ApiOperation({ summary: 'Ask for an action; passed to the partner concerned, whose answer shows in GET /orders/:id' })
  @ApiAcceptedResponse({ description: '{ actionId, type, state }: recorded' })
  @ApiOkResponse({ description: '{ actionId, type, state }: a retry of the request id, with the action as it stands; nothing recorded or sent' })
  @ApiConflictResponse({ description: "Not allowed in the order's state (reason says why), or the request id was used for another action" })
  async request(
    @Param('id') orderId: string,
    @Body(validatedBody()) body: CustomerActionBody,
    @Req() request: RequestWithPrincipal & Pick<FastifyRequest, 'id'>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<ActionReceipt, 'outcome'>> {
    const order = await this.owner.ownOrder(request, orderId, 'open');
    const data = {
      orderId,
      actionId: actionIdOf(orderId, body.requestId),
      requestId: body.requestId,
      // a customer link's subject is the order: the action is the order's customer's
      requestedBy: request.principal!.role === 'order-link' ? order.customerId : request.principal!.sub,
      requestedAt: this.clock.now().toISOString(),
      choice: body.toChoice(),
      offers: await this.offers.partnerOffers(orderId),
    };
    const command = new RequestCustomerActionCommand({ type: 'RequestCustomerAction', data }, request.id);
    const { outcome, ...receipt } = await this.commandBus.execute<RequestCustomerActionCommand, ActionReceipt>(command);
    reply.status(outcome === 'appended' ? 202 : 200);
    return receipt;
  }
}
