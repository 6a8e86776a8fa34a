import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { VoucherSchema } from '@ot/config';
import { REFUND_METHODS, RETURN_METHODS, RETURN_NOTE_MAX_LENGTH, RETURN_REASONS } from '@ot/domain';

/** The client's id for this request: repeating it repeats nothing. */
class ClientRequest {
  @IsString()
  @Length(1, 100)
  @Matches(/^[\w.:-]+$/, { message: 'requestId may hold letters, digits, _ . : -' })
  requestId!: string;
}

export class StorageExtensionDto extends ClientRequest {}

export class ReturnRequestDto extends ClientRequest {
  @IsIn(RETURN_REASONS)
  reason!: (typeof RETURN_REASONS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(RETURN_NOTE_MAX_LENGTH)
  note?: string;

  @IsIn(RETURN_METHODS)
  method!: (typeof RETURN_METHODS)[number];
}

export const RETURN_STAGE_REPORTS = ['handed-over', 'received', 'refunded'] as const;

export class ReturnStageDto {
  @IsIn(RETURN_STAGE_REPORTS)
  stage!: (typeof RETURN_STAGE_REPORTS)[number];

  @ValidateIf((d: ReturnStageDto) => d.stage === 'refunded')
  @IsNumber()
  @Min(0.01)
  amount?: number;

  @ValidateIf((d: ReturnStageDto) => d.stage === 'refunded')
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as BRL' })
  currency?: string;

  @ValidateIf((d: ReturnStageDto) => d.stage === 'refunded')
  @IsIn(REFUND_METHODS)
  method?: (typeof REFUND_METHODS)[number];
}

export class CompensationGrantDto {
  @ValidateNested()
  @Type(() => VoucherSchema)
  voucher!: VoucherSchema;

  /** Why, for the audit trail: kept in the event with who granted it. */
  @IsString()
  @Length(3, 500)
  reason!: string;
}
