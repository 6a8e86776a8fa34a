import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const EVENT_STORES = ['sqlite', 'postgres', 'eventstoredb', 'memory'] as const;
export type EventStoreKind = (typeof EVENT_STORES)[number];
export const BUSES = ['in-process', 'kafka'] as const;
export type BusKind = (typeof BUSES)[number];
/** Nest's levels, most severe first: LOG_LEVEL=warn prints fatal, error and warn. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/**
 * Development secrets, published in docs/WEBHOOKS.md so `npm start` works out of the box.
 * Any deployment must override them; start-up warns (by name, never by value) while one is in use.
 */
export const DEV_SECRETS = {
  WEBHOOK_SECRET_WAREHOUSE: 'dev-warehouse-secret',
  WEBHOOK_SECRET_COURIER: 'dev-courier-secret',
  WEBHOOK_SECRET_PICKUP_POINT: 'dev-pickup-point-secret',
  JWT_SECRET: 'dev-jwt-secret',
} as const;

/**
 * Every environment variable the order service reads, with the defaults that run it embedded
 * (SQLite files under ./data, no external services). Validated once at start-up.
 */
export class AppConfig {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @IsNotEmpty()
  HOST = '127.0.0.1';

  @IsIn(EVENT_STORES)
  EVENT_STORE: EventStoreKind = 'sqlite';

  @IsString() @IsNotEmpty()
  SQLITE_PATH = './data/events.db';

  @ValidateIf((c: AppConfig) => c.EVENT_STORE === 'postgres') @IsString() @IsNotEmpty({ message: 'DATABASE_URL is required when EVENT_STORE=postgres' })
  DATABASE_URL?: string = undefined;

  @ValidateIf((c: AppConfig) => c.EVENT_STORE === 'eventstoredb') @IsString() @IsNotEmpty({ message: 'EVENTSTORE_URL is required when EVENT_STORE=eventstoredb' })
  EVENTSTORE_URL?: string = undefined;

  /** The status view lives in its own SQLite file; ':memory:' keeps it in process. */
  @IsString() @IsNotEmpty()
  READ_MODEL_PATH = './data/read-model.db';

  @IsString() @MinLength(16)
  WEBHOOK_SECRET_WAREHOUSE: string = DEV_SECRETS.WEBHOOK_SECRET_WAREHOUSE;

  @IsString() @MinLength(16)
  WEBHOOK_SECRET_COURIER: string = DEV_SECRETS.WEBHOOK_SECRET_COURIER;

  @IsString() @MinLength(16)
  WEBHOOK_SECRET_PICKUP_POINT: string = DEV_SECRETS.WEBHOOK_SECRET_PICKUP_POINT;

  @IsString() @MinLength(12)
  JWT_SECRET: string = DEV_SECRETS.JWT_SECRET;

  /** Limit for one webhook; a batch of up to 500 payloads gets its own, larger limit. */
  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 64 * 1024;

  @Type(() => Number) @IsInt() @Min(1024)
  BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

  /** in-process: the embedded bus; kafka: events are relayed to KAFKA_TOPIC for notifier instances elsewhere. */
  @IsIn(BUSES)
  BUS: BusKind = 'in-process';

  @ValidateIf((c: AppConfig) => c.BUS === 'kafka') @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...] when BUS=kafka' })
  KAFKA_BROKERS?: string = undefined;

  /** Run the notifier inside this process (the embedded default); off when notifiers run on their own (BUS=kafka). */
  @IsIn(['true', 'false'])
  RUN_NOTIFIER: 'true' | 'false' = 'true';

  /** Where the relay keeps how far it has published; ignored with EVENT_STORE=memory. */
  @IsString() @IsNotEmpty()
  RELAY_CHECKPOINT_PATH = './data/relay.db';

  /**
   * Token buckets, in memory, per partner (webhook events per second; a batch costs one per event)
   * and per token subject (GET /orders/:id). Above that: 429 with Retry-After. 0 switches a limit off.
   * Defaults sit well above what the benchmarks drive (one partner at a few thousand events/s;
   * 1000 customers at under 10 reads/s each) and above a client polling every 10 ms.
   */
  @Type(() => Number) @IsInt() @Min(0)
  WEBHOOK_RATE_PER_SECOND = 20_000;

  @Type(() => Number) @IsInt() @Min(1)
  WEBHOOK_BURST = 40_000;

  @Type(() => Number) @IsInt() @Min(0)
  STATUS_RATE_PER_SECOND = 200;

  @Type(() => Number) @IsInt() @Min(1)
  STATUS_BURST = 400;

  /** Run the ETA projection and the delay reactor here (the default); off where another process runs them. */
  @IsIn(['true', 'false'])
  RUN_ETA: 'true' | 'false' = 'true';

  /** The ETA view (SQLite); the learner itself is rebuilt from the event log at start. */
  @IsString() @IsNotEmpty()
  ETA_READ_MODEL_PATH = './data/eta-read-model.db';

  /** Clock time between re-forecasts of every open order, so a silent parcel is noticed. */
  @Type(() => Number) @IsInt() @Min(1000)
  ETA_TICK_MS = 60 * 60 * 1000;

  /** system: wall time. event-time: time is the latest event time received (for replaying history over HTTP). */
  @IsIn(['system', 'event-time'])
  CLOCK: 'system' | 'event-time' = 'system';

  /** Most verbose Nest log level printed; 'warn' keeps tests and benchmarks quiet. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  /** /health/ready fails when a projection (status, ETA, relay) has left an event unprocessed for longer than this. */
  @Type(() => Number) @IsInt() @Min(100)
  READY_MAX_PROJECTION_LAG_MS = 30_000;

  /** /health/ready fails when the embedded notifier's dispatcher has not finished a pass for this long. */
  @Type(() => Number) @IsInt() @Min(1000)
  READY_MAX_DISPATCHER_SILENCE_MS = 60_000;
}
