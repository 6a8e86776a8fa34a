import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandOutcome } from '@ot/application';
import type { AftercarePolicy } from '@ot/config';
import { type CompensationGranted, daysLate, type Voucher } from '@ot/domain';
import { BearerAuth, OpsOnly, type RequestWithPrincipal, validatedBody } from '@ot/http';
import { AFTERCARE_POLICY, CLOCK } from '../app.tokens';
import { AftercareRequestCommand } from './aftercare-request.command';
import { CompensationGrantDto } from './aftercare.dto';
import { OrderOwner } from '../orders/order-owner';

/** An operator grants a voucher by hand: who and why are recorded in the event; a second grant is refused (409). */
@ApiTags('aftercare')
@Controller('ops/orders/:id/compensation')
@BearerAuth()
@OpsOnly()
export class CompensationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly owner: OrderOwner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AFTERCARE_POLICY) private readonly policy: AftercarePolicy,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Operators: grant a voucher by hand, with a reason (audited; 409 when the order already has one)' })
  @ApiCreatedResponse({ description: "The CompensationGranted event's data" })
  @ApiConflictResponse({ description: 'request-refused: the order already has a voucher' })
  async grant(
    @Param('id') orderId: string,
    @Body(validatedBody()) body: CompensationGrantDto,
    @Req() request: RequestWithPrincipal & { id?: string },
  ): Promise<CompensationGranted['data']> {
    const order = await this.owner.ownOrder(request, orderId, 'closed');
    const now = this.clock.now();
    const data: CompensationGranted['data'] = {
      orderId,
      voucher: body.voucher as Voucher,
      daysLate: daysLate(order.promisedBy, now.getTime(), this.policy.compensation.timeZone),
      source: 'ops',
      grantedBy: request.principal?.sub ?? 'unknown',
      reason: body.reason,
      occurredAt: now.toISOString(),
    };
    const outcome: CommandOutcome = await this.commands.execute(new AftercareRequestCommand({ type: 'GrantCompensation', data }, request.id));
    return outcome.events[0]?.data as CompensationGranted['data'];
  }
}
