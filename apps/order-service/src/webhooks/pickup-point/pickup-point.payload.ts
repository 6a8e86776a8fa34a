import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsPartnerId } from '../shared/partner-id.validator';
import { IsInstant } from '../shared/date-format.validators';

export const PICKUP_POINT_KINDS = ['arrived', 'picked_up', 'returned', 'action_confirmed', 'action_refused'] as const;
export type PickupPointKind = (typeof PICKUP_POINT_KINDS)[number];

/** Optional on every kind, required when the parcel arrives: the customer needs to know where and until when. */
const OPTIONAL_UNLESS_ARRIVED = { groups: ['picked_up', 'returned', 'action_confirmed', 'action_refused'] };
const ANSWERED = { groups: ['action_confirmed', 'action_refused'] };

export class PickupPointLocationPayload {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  address!: string;
}

/** Lockers and partner shops: arrival (with a storage deadline), collection, or return of an uncollected parcel. */
export class PickupPointPayload {
  @IsPartnerId()
  id!: string;

  @IsPartnerId()
  orderId!: string;

  @IsIn(PICKUP_POINT_KINDS)
  kind!: PickupPointKind;

  @IsInstant()
  at!: string;

  @IsOptional(OPTIONAL_UNLESS_ARRIVED)
  @IsObject()
  @ValidateNested()
  @Type(() => PickupPointLocationPayload)
  point?: PickupPointLocationPayload;

  @IsOptional(OPTIONAL_UNLESS_ARRIVED)
  @IsInstant()
  storageDeadline?: string;

  /** action_confirmed / action_refused: the actionId of the switch to a pickup point we sent. */
  @IsPartnerId(ANSWERED)
  actionId?: string;

  /** action_refused: why (free text). */
  @IsOptional(ANSWERED)
  @IsString(ANSWERED)
  @MaxLength(500, ANSWERED)
  reason?: string;
}
