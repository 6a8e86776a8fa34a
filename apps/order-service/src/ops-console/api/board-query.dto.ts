import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGEING_BUCKETS,
  type AgeingBucket,
  BOARD_SORT_KEYS,
  BOARD_STAGES,
  type BoardQuery,
  type BoardSortKey,
  type BoardStage,
  DELAY_STATES,
} from '@ot/application';
import type { DelayState } from '@ot/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = 'must be a day, YYYY-MM-DD';
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
/** As the rows hold them: states upper-case (as webhooks are normalised), delay reasons lower-case slugs; typed with spaces around. */
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The list's filters, sort and page, as query parameters (lists are comma-separated). */
export class BoardQueryDto {
  @ApiPropertyOptional({
    description: 'an order id, repeated for more (ids may hold commas), at most 500: these orders only (the live page re-reading the rows it shows)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: `comma-separated: ${DELAY_STATES.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @IsIn(DELAY_STATES, { each: true })
  delayState?: DelayState[];

  @ApiPropertyOptional({ description: `comma-separated: ${BOARD_STAGES.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @IsIn(BOARD_STAGES, { each: true })
  stage?: BoardStage[];

  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MaxLength(100) carrier?: string;
  @ApiPropertyOptional({ example: 'SP' }) @IsOptional() @Transform(upper) @IsString() @MaxLength(10) originState?: string;
  @ApiPropertyOptional({ example: 'RJ' }) @IsOptional() @Transform(upper) @IsString() @MaxLength(10) destinationState?: string;
  @ApiPropertyOptional({ example: 'weather' }) @IsOptional() @Transform(lower) @IsString() @MaxLength(100) reason?: string;
  @ApiPropertyOptional({ enum: AGEING_BUCKETS, description: 'days in the current stage' }) @IsOptional() @IsIn(AGEING_BUCKETS) ageing?: AgeingBucket;

  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) placedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) placedTo?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) handedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) handedTo?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) deliveredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DAY, { message: DAY_MESSAGE }) deliveredTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'closed orders too (delivered, canceled, returned)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeClosed?: 'true' | 'false';

  @ApiPropertyOptional({ enum: BOARD_SORT_KEYS, default: 'promisedBy' }) @IsOptional() @IsIn(BOARD_SORT_KEYS) sort?: BoardSortKey;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ enum: ['orderId'], description: 'orderId: each item is its order id alone (the live page learning which rows it lists now)' })
  @IsOptional()
  @IsIn(['orderId'])
  fields?: 'orderId';
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) offset?: number;
}

export function toBoardQuery(
  q: BoardQueryDto,
  asOf: string,
  page: { limit: number; offset: number } = { limit: q.limit ?? 50, offset: q.offset ?? 0 },
): BoardQuery {
  return {
    orderIds: q.ids,
    delayStates: q.delayState,
    stages: q.stage,
    carrier: q.carrier,
    originState: q.originState,
    destinationState: q.destinationState,
    reason: q.reason,
    ageing: q.ageing,
    placed: { from: q.placedFrom, to: q.placedTo },
    handed: { from: q.handedFrom, to: q.handedTo },
    delivered: { from: q.deliveredFrom, to: q.deliveredTo },
    includeClosed: q.includeClosed === 'true',
    sort: q.sort,
    descending: q.order === 'desc',
    asOf,
    ...page,
  };
}
