import { Controller, Get, Header, Inject, Optional, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type BoardOverview,
  type BoardPage,
  type BoardTrends,
  BREAKDOWN_KEYS,
  type BreakdownKey,
  type BreakdownRow,
  type ChannelOutcome,
  type Clock,
  type DelayBoardStore,
  type ModelFigures,
} from '@ot/application';
import { DEFAULT_DELAY_RULES, localDateOf } from '@ot/domain';
import { validatedBody } from '@ot/http';
import { NOTIFIER_DEPS, type NotifierDeps } from '@ot/notifier';
import { IsIn } from 'class-validator';
import { CLOCK, DELAY_BOARD_STORE } from '../../app.tokens';
import { OpsConsoleAuth } from '../session/ops-console.auth';
import { BoardQueryDto, toBoardQuery } from './board-query.dto';
import { BoardPageDto, BreakdownDto, ModelDto, OverviewDto } from './board.responses';
import { csvOf } from './csv.format';
import { type ListedRow, ListedRows } from './listed-rows';

class BreakdownQueryDto {
  @IsIn(BREAKDOWN_KEYS) by!: BreakdownKey;
}

/** The most rows one CSV export carries; narrow the filter for more. */
const CSV_MAX_ROWS = 100_000;
const CSV_COLUMNS = [
  'orderId',
  'delayState',
  'stage',
  'status',
  'promisedBy',
  'expected',
  'reason',
  'originCity',
  'originState',
  'destinationState',
  'carrier',
  'placedAt',
  'handedAt',
  'deliveredAt',
  'stageSince',
  'lastScanAt',
  'alerts',
  'lateScans',
  'notificationsSent',
] as const;
const FORECAST_COLUMNS = ['forecastExpected', 'forecastEarliest', 'forecastLatest'] as const;

/** The delay board's JSON behind every panel of /ops; ops token (bearer or session cookie) only. */
@ApiTags('ops console')
@Controller('ops/api')
@OpsConsoleAuth()
export class BoardController {
  constructor(
    @Inject(DELAY_BOARD_STORE) private readonly board: DelayBoardStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly listed: ListedRows,
    @Optional() @Inject(NOTIFIER_DEPS) private readonly notifier?: NotifierDeps,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: "The delay board's counts and their trends" })
  @ApiOkResponse({ type: OverviewDto, description: 'Counts (open, at risk, late, promise broken, delivered today) and the time series of the overview' })
  async overview(): Promise<BoardOverview & { trends: BoardTrends; asOf: string }> {
    const now = this.clock.now();
    const today = localDateOf(now.getTime(), DEFAULT_DELAY_RULES.timeZone);
    return { ...(await this.board.overview(today)), asOf: now.toISOString(), trends: await this.board.trends() };
  }

  @Get('orders')
  @ApiOperation({ summary: 'Open orders filtered, sorted and paged, as the board lists them' })
  @ApiOkResponse({
    type: BoardPageDto,
    description: 'One page of board rows (each open one with its live forecast and window), the total and the ageing buckets of the filtered list',
  })
  async orders(
    @Query(validatedBody()) q: BoardQueryDto,
  ): Promise<Omit<BoardPage, 'items'> & { items: ListedRow[] | { orderId: string }[]; limit: number; offset: number }> {
    const query = toBoardQuery(q, this.clock.now().toISOString());
    const page = await this.board.page(query);
    const items = q.fields === 'orderId' ? page.items.map(({ orderId }) => ({ orderId })) : await this.listed.of(page.items);
    return { ...page, items, limit: query.limit, offset: query.offset };
  }

  @Get('orders.csv')
  @ApiOperation({ summary: 'The same filtered list as CSV' })
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="delay-board.csv"')
  @ApiOkResponse({ description: `The filtered list (sort applied, paging ignored, up to ${CSV_MAX_ROWS} rows) as CSV` })
  async csv(@Query(validatedBody()) q: BoardQueryDto): Promise<string> {
    const page = await this.board.page(toBoardQuery(q, this.clock.now().toISOString(), { limit: CSV_MAX_ROWS, offset: 0 }));
    const rows = await this.listed.of(page.items);
    return csvOf(
      [...CSV_COLUMNS, ...FORECAST_COLUMNS],
      rows.map((row) => [...CSV_COLUMNS.map((c) => row[c]), row.forecast?.expected, row.forecast?.earliest, row.forecast?.latest]),
    );
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'Open orders grouped by stage, route, region, origin or carrier, most delayed first' })
  @ApiQuery({ name: 'by', enum: BREAKDOWN_KEYS })
  @ApiOkResponse({ type: BreakdownDto, description: 'Open orders grouped by the key, most delayed first' })
  async breakdown(@Query(validatedBody()) { by }: BreakdownQueryDto): Promise<{ by: BreakdownKey; items: BreakdownRow[] }> {
    return { by, items: await this.board.breakdown(by) };
  }

  @Get('model')
  @ApiOperation({ summary: "How the ETA model and the delay alerts are doing, and the notifications' outcomes by channel" })
  @ApiOkResponse({
    type: ModelDto,
    description: 'ETA error by week, alert lead times and outcomes (false alarms, missed delays), and notification outcomes by channel',
  })
  async model(): Promise<ModelFigures & { notificationOutcomes: ChannelOutcome[] | null }> {
    const [figures, notificationOutcomes] = await Promise.all([this.board.model(), this.notifier ? this.notifier.log.outcomesByChannel() : null]);
    return { ...figures, notificationOutcomes };
  }
}
