import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_ACTION_TYPES, type ActionChoice, type CustomerActionType } from '@ot/domain';
import { IsIn, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../webhooks/shared/date-format.validators';
import { IsPartnerId } from '../webhooks/shared/partner-id.validator';

/** POST /orders/:id/actions: the action, the client's request id (its idempotency key) and the choice it needs. */
export class CustomerActionBody {
  @ApiProperty({ enum: CUSTOMER_ACTION_TYPES })
  @IsIn(CUSTOMER_ACTION_TYPES)
  type!: CustomerActionType;

  @ApiProperty({ description: "The client's id for this request: a retry with it gets the same action, never a second one" })
  @IsPartnerId()
  requestId!: string;

  @ApiPropertyOptional({ description: 'reschedule-delivery: one of the days GET /orders/:id/actions offers (YYYY-MM-DD)' })
  @ValidateIf((b: CustomerActionBody) => b.type === 'reschedule-delivery' || b.day !== undefined)
  @IsCalendarDate()
  day?: string;

  @ApiPropertyOptional({ description: 'switch-to-pickup-point: one of the pointIds GET /orders/:id/actions lists' })
  @ValidateIf((b: CustomerActionBody) => b.type === 'switch-to-pickup-point' || b.pickupPointId !== undefined)
  @IsPartnerId()
  pickupPointId?: string;

  toChoice(): ActionChoice {
    if (this.type === 'reschedule-delivery') return { type: this.type, day: this.day! };
    if (this.type === 'switch-to-pickup-point') return { type: this.type, pickupPointId: this.pickupPointId! };
    return { type: this.type };
  }
}
