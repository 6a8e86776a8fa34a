import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsPartnerId } from '../shared/partner-id.validator';
import { IsInstant } from '../shared/date-format.validators';
import { PlacePayload } from '../shared/place.payload';

export const COURIER_STATUSES = [
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'ATTEMPT_FAILED',
  'DELIVERED',
  'RETURNED_TO_SENDER',
  'EXCEPTION',
  'ACTION_CONFIRMED',
  'ACTION_REFUSED',
] as const;
export type CourierStatus = (typeof COURIER_STATUSES)[number];
export const EXCEPTION_CODES = ['WEATHER', 'CARRIER', 'WAREHOUSE', 'ADDRESS_PROBLEM', 'LOST', 'OTHER'] as const;
export type ExceptionCode = (typeof EXCEPTION_CODES)[number];

/** The contract lets every status carry these fields; this status is the only one that must. */
const optionalExceptFor = (status: CourierStatus) => ({ groups: COURIER_STATUSES.filter((s) => s !== status) });

/** The courier's tracking feed: one scan per message, keyed by its shipment reference (our order id). */
export class CourierPayload {
  @IsPartnerId()
  trackingEventId!: string;

  @IsPartnerId()
  shipmentRef!: string;

  @IsIn(COURIER_STATUSES)
  status!: CourierStatus;

  @IsInstant()
  timestamp!: string;

  @IsOptional(optionalExceptFor('IN_TRANSIT'))
  @IsObject()
  @ValidateNested()
  @Type(() => PlacePayload)
  location?: PlacePayload;

  @IsOptional(optionalExceptFor('ATTEMPT_FAILED'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;

  @IsOptional(optionalExceptFor('EXCEPTION'))
  @IsIn(EXCEPTION_CODES)
  exceptionCode?: ExceptionCode;

  /** ACTION_CONFIRMED / ACTION_REFUSED: the actionId of the reschedule we sent (reason: why it was refused). */
  @IsPartnerId({ groups: ['ACTION_CONFIRMED', 'ACTION_REFUSED'] })
  actionId?: string;
}
