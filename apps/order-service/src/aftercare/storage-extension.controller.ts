import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock } from '@ot/application';
import type { AftercarePolicy } from '@ot/config';
import { BearerAuth, type RequestWithPrincipal, validatedBody } from '@ot/http';
import type { FastifyReply } from 'fastify';
import { AFTERCARE_POLICY, CLOCK } from '../app.tokens';
import { AftercareRequestCommand } from './aftercare-request.command';
import type { AftercareOutcome } from './aftercare-request.handler';
import { answer } from './aftercare-outcome';
import { StorageExtensionDto } from './aftercare.dto';
import { OrderOwner } from '../orders/order-owner';

/** The customer keeps the parcel at the pickup point longer, once, by the policy's number of days. */
@ApiTags('aftercare')
@Controller('orders/:id/storage-extension')
@BearerAuth()
export class StorageExtensionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly owner: OrderOwner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AFTERCARE_POLICY) private readonly policy: AftercarePolicy,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Keep the parcel at the pickup point longer (once; 201, or 200 for a repeated requestId; 409 when refused)' })
  @ApiCreatedResponse({ description: '{ orderId, requestId, storageDeadline }: extended' })
  @ApiOkResponse({ description: 'A repeated requestId: nothing appended; the storageDeadline it set' })
  @ApiConflictResponse({ description: 'request-refused: a second extension, a parcel not waiting, or a deadline already passed' })
  async extend(
    @Param('id') orderId: string,
    @Body(validatedBody()) body: StorageExtensionDto,
    @Req() request: RequestWithPrincipal & { id?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ orderId: string; requestId: string; storageDeadline?: string }> {
    await this.owner.ownOrder(request, orderId, 'closed');
    const command = {
      type: 'ExtendStorage' as const,
      data: { orderId, requestId: body.requestId, days: this.policy.storage.extensionDays, occurredAt: this.clock.now().toISOString() },
    };
    const outcome: AftercareOutcome = await this.commands.execute(new AftercareRequestCommand(command, request.id));
    const extended = outcome.answered.find((e) => e.type === 'StorageExtended');
    return answer(reply, outcome, { orderId, requestId: body.requestId, ...(extended ? { storageDeadline: extended.data.pickupPoint.storageDeadline } : {}) });
  }
}
