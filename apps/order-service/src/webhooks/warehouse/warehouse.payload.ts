import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../shared/date-format.validators';
import { IsPartnerId } from '../shared/partner-id.validator';
import { PlacePayload } from '../shared/place.payload';

export const WAREHOUSE_EVENTS = [
  'order.placed',
  'payment.approved',
  'order.packed',
  'parcel.handed_over',
  'order.canceled',
  'order.delayed',
  'action.confirmed',
  'action.refused',
] as const;
export type WarehouseEventName = (typeof WAREHOUSE_EVENTS)[number];
export const WAREHOUSE_DELAY_REASONS = ['weather', 'carrier', 'warehouse', 'address_problem', 'lost', 'other'] as const;

// Validation groups are the event names: a field is allowed (and checked) only for the events listed.
const PLACED = { groups: ['order.placed'] };
const HANDED_OVER = { groups: ['parcel.handed_over'] };
const DELAYED = { groups: ['order.delayed'] };
const ANSWERED = { groups: ['action.confirmed', 'action.refused'] };
const CANCELED_OR_REFUSED = { groups: ['order.canceled', 'action.refused'] };

/** The warehouse (our own WMS) reports the order's life before the parcel leaves. */
export class WarehousePayload {
  @IsPartnerId()
  eventId!: string;

  @IsIn(WAREHOUSE_EVENTS)
  event!: WarehouseEventName;

  @IsPartnerId()
  orderId!: string;

  @IsInstant()
  occurredAt!: string;

  @IsPartnerId(PLACED)
  customerId?: string;

  @IsCalendarDate(PLACED)
  promisedDate?: string;

  @IsObject(PLACED)
  @ValidateNested(PLACED)
  @Type(() => PlacePayload)
  origin?: PlacePayload;

  @IsObject(PLACED)
  @ValidateNested(PLACED)
  @Type(() => PlacePayload)
  destination?: PlacePayload;

  @IsOptional(PLACED)
  @IsInt(PLACED)
  @Min(1, PLACED)
  itemCount?: number;

  /** The seller or warehouse that ships the order: the ETA model learns its own hand-over times. */
  @IsOptional(PLACED)
  @IsPartnerId(PLACED)
  sellerId?: string;

  /** The seller's deadline to hand the parcel to the carrier: the ETA model reads its lead as a feature of the hand-over. */
  @IsOptional(PLACED)
  @IsInstant(PLACED)
  handOverBy?: string;

  /** The goods' value (the items' prices summed, in the shop's currency): with the freight, a feature of the ETA model. */
  @IsOptional(PLACED)
  @IsNumber({ allowNaN: false, allowInfinity: false }, PLACED)
  @Min(0, PLACED)
  priceTotal?: number;

  /** The freight charged for the order (the shop's currency): it prices distance and weight, which no event names. */
  @IsOptional(PLACED)
  @IsNumber({ allowNaN: false, allowInfinity: false }, PLACED)
  @Min(0, PLACED)
  freightTotal?: number;

  /** The product's category (Olist's product_category_name): the return rules refuse non-returnable ones. */
  @IsOptional(PLACED)
  @IsString(PLACED)
  @MaxLength(100, PLACED)
  productCategory?: string;

  @IsOptional(HANDED_OVER)
  @IsString(HANDED_OVER)
  @MaxLength(100, HANDED_OVER)
  carrier?: string;

  /** Free text on a cancellation or a refused action, one of WAREHOUSE_DELAY_REASONS (required) on a delay. */
  @IsOptional(CANCELED_OR_REFUSED)
  @IsString({ groups: ['order.canceled', 'order.delayed', 'action.refused'] })
  @MaxLength(500, CANCELED_OR_REFUSED)
  @IsIn(WAREHOUSE_DELAY_REASONS, DELAYED)
  reason?: string;

  @IsOptional(DELAYED)
  @IsString(DELAYED)
  @MaxLength(500, DELAYED)
  detail?: string;

  /** action.confirmed / action.refused: the actionId of the cancellation we sent. */
  @IsPartnerId(ANSWERED)
  actionId?: string;
}
