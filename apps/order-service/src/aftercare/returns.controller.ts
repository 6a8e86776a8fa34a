import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock } from '@ot/application';
import type { AftercarePolicy } from '@ot/config';
import { type RecordReturnStage, STAGE_OF } from '@ot/domain';
import { BearerAuth, OpsOnly, type RequestWithPrincipal, validatedBody } from '@ot/http';
import type { FastifyReply } from 'fastify';
import { AFTERCARE_POLICY, CLOCK } from '../app.tokens';
import { AftercareRequestCommand } from './aftercare-request.command';
import type { AftercareOutcome } from './aftercare-request.handler';
import { answer } from './aftercare-outcome';
import { ReturnRequestDto, ReturnStageDto } from './aftercare.dto';
import { OrderOwner } from '../orders/order-owner';

type ReturnAnswer = { orderId: string; requestId: string; stages: string[] };

/**
 * A customer asks for a return (approved or rejected at once by the policy's rules); operators report
 * the later stages (handed over, received at the warehouse, refund issued) as the warehouse sees them.
 */
@ApiTags('aftercare')
@Controller()
@BearerAuth()
export class ReturnsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly owner: OrderOwner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AFTERCARE_POLICY) private readonly policy: AftercarePolicy,
  ) {}

  @Post('orders/:id/returns')
  @ApiOperation({
    summary:
      'Request a return: approved or rejected at once by the rules (201, or 200 for a repeated requestId; 409 when refused or the requestId asked another return)',
  })
  @ApiCreatedResponse({ description: '{ orderId, requestId, stages }: recorded, approved or rejected' })
  @ApiOkResponse({ description: 'A repeated requestId: nothing appended; the stages recorded for it' })
  @ApiConflictResponse({
    description: "request-refused: the order's state does not allow a return; request-id-conflict: the requestId was used for another reason or method",
  })
  async request(
    @Param('id') orderId: string,
    @Body(validatedBody()) body: ReturnRequestDto,
    @Req() request: RequestWithPrincipal & { id?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnAnswer> {
    await this.owner.ownOrder(request, orderId, 'closed');
    const data = { orderId, ...body, occurredAt: this.clock.now().toISOString(), rules: this.policy.returns };
    return this.run(orderId, body.requestId, { type: 'RequestReturn', data }, request, reply);
  }

  @Post('ops/orders/:id/returns/:requestId/stages')
  @OpsOnly()
  @ApiOperation({ summary: 'Operators: the return was handed over, received at the warehouse, or refunded (in that order)' })
  @ApiCreatedResponse({ description: '{ orderId, requestId, stages }: the stage recorded' })
  @ApiOkResponse({ description: 'The stage was reported before: nothing appended; the stages recorded for the return' })
  @ApiConflictResponse({ description: 'request-refused: not the stage after the last one' })
  async stage(
    @Param('id') orderId: string,
    @Param('requestId') requestId: string,
    @Body(validatedBody()) body: ReturnStageDto,
    @Req() request: RequestWithPrincipal & { id?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnAnswer> {
    await this.owner.ownOrder(request, orderId, 'closed');
    const base = { orderId, requestId, occurredAt: this.clock.now().toISOString() };
    const event: RecordReturnStage['data']['event'] =
      body.stage === 'handed-over'
        ? { type: 'ReturnHandedOver', data: base }
        : body.stage === 'received'
          ? { type: 'ReturnReceived', data: base }
          : { type: 'RefundIssued', data: { ...base, amount: body.amount!, currency: body.currency!, method: body.method! } };
    return this.run(orderId, requestId, { type: 'RecordReturnStage', data: { orderId, event } }, request, reply);
  }

  private async run(
    orderId: string,
    requestId: string,
    command: AftercareRequestCommand['command'],
    request: { id?: string },
    reply: FastifyReply,
  ): Promise<ReturnAnswer> {
    const outcome: AftercareOutcome = await this.commands.execute(new AftercareRequestCommand(command, request.id));
    const stages = outcome.answered.map((e) => STAGE_OF[e.type as keyof typeof STAGE_OF]).filter(Boolean);
    return answer(reply, outcome, { orderId, requestId, stages });
  }
}
