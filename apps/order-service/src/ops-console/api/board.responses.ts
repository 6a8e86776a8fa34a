import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGEING_BUCKETS, BOARD_STAGES, DELAY_STATES } from '@ot/application';
import { CHANNELS } from '@ot/domain';

// The shapes /ops/api answers with, for the OpenAPI document (the handlers return the board's own types).

export class ForecastDto {
  @ApiProperty({ example: '2026-01-09' }) expected!: string;
  @ApiProperty() earliest!: string;
  @ApiProperty() latest!: string;
}

export class BoardRowDto {
  @ApiProperty() orderId!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: DELAY_STATES, description: 'the domain delay state: at-risk = delay predicted, late = promise broken' }) delayState!: string;
  @ApiProperty({ enum: BOARD_STAGES }) stage!: string;
  @ApiProperty({ description: 'milestone' }) status!: string;
  @ApiProperty() open!: boolean;
  @ApiProperty({ example: '2026-01-10' }) promisedBy!: string;
  @ApiPropertyOptional({ description: 'expected day last announced in the log' }) expected?: string;
  @ApiPropertyOptional({ type: ForecastDto, description: 'the live forecast of an open order (ETA view)' }) forecast?: ForecastDto;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() originCity!: string;
  @ApiProperty() originState!: string;
  @ApiProperty() destinationState!: string;
  @ApiProperty() destinationRegion!: string;
  @ApiProperty() carrier!: string;
  @ApiProperty() placedAt!: string;
  @ApiPropertyOptional() handedAt?: string;
  @ApiPropertyOptional() deliveredAt?: string;
  @ApiProperty() stageSince!: string;
  @ApiProperty() lastScanAt!: string;
  @ApiProperty({ description: 'DelayPredicted events' }) alerts!: number;
  @ApiProperty() lateScans!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'notifications that reached the customer; null when the notifier runs in another process' })
  notificationsSent!: number | null;
}

export class AgeingDto {
  @ApiProperty({ name: AGEING_BUCKETS[0] }) a!: number;
  @ApiProperty({ name: AGEING_BUCKETS[1] }) b!: number;
  @ApiProperty({ name: AGEING_BUCKETS[2] }) c!: number;
  @ApiProperty({ name: AGEING_BUCKETS[3] }) d!: number;
}

export class BoardPageDto {
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [BoardRowDto] }) items!: BoardRowDto[];
  @ApiProperty({ type: AgeingDto, description: 'the filtered list counted by days in the current stage' }) ageing!: AgeingDto;
}

export class OverviewDto {
  @ApiProperty() open!: number;
  @ApiProperty() atRisk!: number;
  @ApiProperty({ description: 'open, the promised day passed (promise broken)' }) late!: number;
  @ApiProperty() deliveredToday!: number;
  @ApiProperty() asOfDay!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ description: 'onTimeByWeek, riskByDay, durationsByWeek, promiseVsActual, stages (docs/OPS-CONSOLE.md)' }) trends!: object;
}

export class BreakdownRowDto {
  @ApiProperty() key!: string;
  @ApiProperty() open!: number;
  @ApiProperty() atRisk!: number;
  @ApiProperty({ description: 'the promised day passed (promise broken)' }) late!: number;
  @ApiProperty() delayed!: number;
}

export class BreakdownDto {
  @ApiProperty() by!: string;
  @ApiProperty({ type: [BreakdownRowDto] }) items!: BreakdownRowDto[];
}

export class AlertFiguresDto {
  @ApiProperty() raised!: number;
  @ApiProperty() ordersAlerted!: number;
  @ApiProperty({ description: 'alerted, then the promise broke or it was delivered late' }) confirmed!: number;
  @ApiProperty({ description: 'alerted, then delivered on time' }) falseAlarms!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ description: 'late with no alert' }) missedLate!: number;
  @ApiProperty({ nullable: true, type: Number }) falseAlarmRate!: number | null;
}

export class ChannelOutcomeDto {
  @ApiProperty({ enum: CHANNELS, nullable: true, description: 'null: decided before a channel (not sent, dead-lettered)' })
  channel!: string | null;
  @ApiProperty({ example: 'sent', description: 'sent, transient-failure, permanent-failure, dead-lettered, or a reason not to send' }) status!: string;
  @ApiProperty() n!: number;
}

export class ModelDto {
  @ApiProperty({ description: 'week, orders, maeDays, exactShare, withinOneDayShare', type: [Object] }) calibrationByWeek!: object[];
  @ApiProperty({ description: 'days, orders', type: [Object] }) leadTimeDays!: object[];
  @ApiProperty({ type: AlertFiguresDto }) alerts!: AlertFiguresDto;
  @ApiProperty({
    type: [ChannelOutcomeDto],
    nullable: true,
    description: "the notifier's attempt log counted by channel and outcome; null when the notifier runs in another process",
  })
  notificationOutcomes!: ChannelOutcomeDto[] | null;
}
