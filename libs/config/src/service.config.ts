import 'reflect-metadata'; // class-transformer's @Type reads decorator metadata; scripts load this before Nest does
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const EVENT_STORES = ['sqlite', 'postgres', 'eventstoredb', 'memory'] as const;
export type EventStoreKind = (typeof EVENT_STORES)[number];
/** Where the views, checkpoints and the notifier's state live (EVENT_STORE=memory keeps them in memory whatever this says). */
export const STATE_STORES = ['sqlite', 'postgres'] as const;
export type StateStoreKind = (typeof STATE_STORES)[number];
export const BUSES = ['in-process', 'kafka'] as const;
export type BusKind = (typeof BUSES)[number];
/** Nest's levels, most severe first: LOG_LEVEL=warn prints fatal, error and warn. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export const KAFKA_LOG_LEVELS = ['nothing', 'error', 'warn', 'info'] as const;
export const NODE_ENVS = ['development', 'test', 'production'] as const;

/**
 * Development secrets, published in README.md and docs/WEBHOOKS.md so `npm start` works out of the
 * box. Outside production start-up warns (by name, never by value) while one is in use; with
 * NODE_ENV=production it refuses to start.
 */
export const DEV_SECRETS = {
  WEBHOOK_SECRET_WAREHOUSE: 'dev-warehouse-secret',
  WEBHOOK_SECRET_COURIER: 'dev-courier-secret',
  WEBHOOK_SECRET_PICKUP_POINT: 'dev-pickup-point-secret',
  JWT_SECRET: 'dev-jwt-secret-change-me',
} as const;

/**
 * Where customer actions are sent (issue 17) in development: a partner sandbox on loopback. Like the
 * development secrets, production refuses them: a real partner must be named.
 */
export const DEV_PARTNER_URLS = {
  PARTNER_ACTIONS_URL_WAREHOUSE: 'http://127.0.0.1:4010/warehouse/actions',
  PARTNER_ACTIONS_URL_COURIER: 'http://127.0.0.1:4010/courier/actions',
  PARTNER_ACTIONS_URL_PICKUP_POINT: 'http://127.0.0.1:4010/pickup-point/actions',
} as const;

/** `id=address;id=address`: the pickup points offered for a switch when no partner endpoint lists them. */
export const PICKUP_POINT_LIST = /^[^=;]+=[^=;]+(;[^=;]+=[^=;]+)*$/;

const SET = (key: keyof ServiceConfig) => (c: ServiceConfig) => c[key] !== undefined;

/**
 * Every environment variable any process of the product reads (order-service, the standalone
 * notifier, the scripts and the dev-token command), with the defaults that run it embedded:
 * SQLite files under ./data, the in-process bus, channels writing to local outbox files.
 * README.md's configuration table is held to this class by a test.
 */
export class ServiceConfig {
  /** production refuses the published development secrets. */
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  /** Only `npm run start:notifier` listens on it; embedded, the notifier's routes are served on PORT. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  NOTIFIER_PORT = 3001;

  @IsIn(EVENT_STORES)
  EVENT_STORE: EventStoreKind = 'sqlite';

  @IsString()
  @IsNotEmpty()
  SQLITE_PATH = './data/events.db';

  @ValidateIf((c: ServiceConfig) => c.EVENT_STORE === 'postgres' || c.STATE_STORE === 'postgres')
  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL is required when EVENT_STORE=postgres or STATE_STORE=postgres' })
  DATABASE_URL?: string = undefined;

  /**
   * sqlite: the status and ETA views, the relay checkpoint and the notifier's state are files of this
   * process (the *_PATH settings). postgres: tables in STATE_SCHEMA at DATABASE_URL, shared by every
   * replica and notifier host.
   */
  @IsIn(STATE_STORES)
  STATE_STORE: StateStoreKind = 'sqlite';

  /** The PostgreSQL schema of that state (created if missing), apart from the event store's tables. */
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'STATE_SCHEMA must be a lower-case SQL identifier' })
  STATE_SCHEMA = 'order_state';

  @ValidateIf((c: ServiceConfig) => c.EVENT_STORE === 'eventstoredb')
  @IsString()
  @IsNotEmpty({ message: 'EVENTSTORE_URL is required when EVENT_STORE=eventstoredb' })
  EVENTSTORE_URL?: string = undefined;

  /** The status view and the delay board live in their own SQLite file (one commit for both); ':memory:' keeps them in process. */
  @IsString()
  @IsNotEmpty()
  READ_MODEL_PATH = './data/read-model.db';

  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET_WAREHOUSE: string = DEV_SECRETS.WEBHOOK_SECRET_WAREHOUSE;

  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET_COURIER: string = DEV_SECRETS.WEBHOOK_SECRET_COURIER;

  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET_PICKUP_POINT: string = DEV_SECRETS.WEBHOOK_SECRET_PICKUP_POINT;

  /** Signs and verifies customer and ops tokens on every route (and in the dev-token command). */
  @IsString()
  @MinLength(16)
  JWT_SECRET: string = DEV_SECRETS.JWT_SECRET;

  /** How long a customer link (order page, SMS short link, email buttons) works after its message is written. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  ORDER_LINK_TTL_HOURS = 14 * 24;

  /** The origin customers reach this service at, for the links in messages; unset: http://HOST:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s/?#])?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without a trailing slash, query or fragment' })
  PUBLIC_BASE_URL?: string = undefined;

  /** Limit for one webhook; a batch of up to 500 payloads gets its own, larger limit. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 64 * 1024;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

  /** How far ahead of our clock a partner's event time may be (their clocks drift); later is a 400. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MAX_EVENT_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

  /** in-process: the embedded bus; kafka: events are relayed to KAFKA_TOPIC for notifier instances elsewhere. */
  @IsIn(BUSES)
  BUS: BusKind = 'in-process';

  @ValidateIf((c: ServiceConfig) => c.BUS === 'kafka')
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...] when BUS=kafka' })
  KAFKA_BROKERS?: string = undefined;

  @IsString()
  @IsNotEmpty()
  KAFKA_TOPIC = 'order-events';

  /** Partitions of KAFKA_TOPIC when it has to be created. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS = 6;

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'order-tracking';

  /** The notifier's consumer group. */
  @IsString()
  @IsNotEmpty()
  KAFKA_GROUP_ID = 'notifier';

  @IsIn(KAFKA_LOG_LEVELS)
  KAFKA_LOG_LEVEL: (typeof KAFKA_LOG_LEVELS)[number] = 'warn';

  /** Run the notifier inside this process (the embedded default); off when notifiers run on their own (BUS=kafka). */
  @IsIn(['true', 'false'])
  RUN_NOTIFIER: 'true' | 'false' = 'true';

  /** Run the relay (event store -> bus) here (the default); off in stateless API replicas, where one relay process publishes. */
  @IsIn(['true', 'false'])
  RUN_RELAY: 'true' | 'false' = 'true';

  /** Project the status view here (the default); off in processes that serve no status reads. */
  @IsIn(['true', 'false'])
  RUN_STATUS_PROJECTION: 'true' | 'false' = 'true';

  /** Where the relay keeps how far it has published; ignored with EVENT_STORE=memory. */
  @IsString()
  @IsNotEmpty()
  RELAY_CHECKPOINT_PATH = './data/relay.db';

  /**
   * Token buckets, in memory, per partner (webhook events per second; a batch costs one per event)
   * and per token subject (GET /orders/:id). Above that: 429 with Retry-After. 0 switches a limit off.
   * Defaults sit well above what the benchmarks drive and above a client polling every 10 ms.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  WEBHOOK_RATE_PER_SECOND = 20_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_BURST = 40_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  STATUS_RATE_PER_SECOND = 200;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  STATUS_BURST = 400;

  /** Run the ETA projection and the delay reactor here (the default); off where another process runs them. */
  @IsIn(['true', 'false'])
  RUN_ETA: 'true' | 'false' = 'true';

  /** The ETA view (SQLite); the learner itself is rebuilt from the event log at start. */
  @IsString()
  @IsNotEmpty()
  ETA_READ_MODEL_PATH = './data/eta-read-model.db';

  /** Clock time between re-forecasts of every open order, so a silent parcel is noticed. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  ETA_TICK_MS = 60 * 60 * 1000;

  /** What the ETA model counts stage durations in: business days (weekends and holidays add nothing) or calendar days. */
  @IsIn(['business', 'calendar'])
  ETA_DAYS: 'business' | 'calendar' = 'business';

  /** The destination country (ISO 3166 alpha-2) whose national holidays are not business days (date-holidays). */
  @Matches(/^[A-Z]{2}$/)
  ETA_HOLIDAYS_COUNTRY = 'BR';

  /** JSON file of the compensation tiers, return rules and storage extension (docs/REMEDIES.md); unset: the shipped config/aftercare-policy.json. */
  @IsOptional()
  @IsString()
  AFTERCARE_POLICY_PATH?: string = undefined;
  /**
   * ETA workers' consumer group on KAFKA_TOPIC (BUS=kafka): when set, each worker learns from every
   * event but forecasts and judges only the orders of the partitions the group gives it (docs/SCALING.md).
   */
  @IsOptional()
  @IsString()
  ETA_GROUP_ID?: string = undefined;

  /** system: wall time. event-time: time is the latest event time received (for replaying history over HTTP). */
  @IsIn(['system', 'event-time'])
  CLOCK: 'system' | 'event-time' = 'system';

  /** Most verbose Nest log level printed; 'warn' keeps tests and benchmarks quiet. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  /** The notifier's state (decisions, outbox, attempt log, preferences); in memory with EVENT_STORE=memory. */
  @IsString()
  @IsNotEmpty()
  NOTIFIER_DB_PATH = './data/notifier.db';

  /** How often the dispatcher looks for due sends. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  NOTIFIER_DISPATCH_INTERVAL_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFIER_MAX_ATTEMPTS = 6;

  /** Channels without a vendor write their messages to <dir>/<channel>.jsonl. */
  @IsString()
  @IsNotEmpty()
  NOTIFIER_OUTBOX_DIR = './data/outbox';

  /** Service-account JSON, or a path to it: push goes through FCM. */
  @IsOptional()
  @IsString()
  FCM_SERVICE_ACCOUNT_JSON?: string = undefined;

  /** Set with TWILIO_AUTH_TOKEN and TWILIO_FROM: SMS goes through Twilio. */
  @IsOptional()
  @IsString()
  TWILIO_ACCOUNT_SID?: string = undefined;

  @ValidateIf(SET('TWILIO_ACCOUNT_SID'))
  @IsString()
  @IsNotEmpty({ message: 'TWILIO_AUTH_TOKEN is required with TWILIO_ACCOUNT_SID' })
  TWILIO_AUTH_TOKEN?: string = undefined;

  /** An E.164 number or a Messaging Service SID (MG...). */
  @ValidateIf(SET('TWILIO_ACCOUNT_SID'))
  @IsString()
  @IsNotEmpty({ message: 'TWILIO_FROM is required with TWILIO_ACCOUNT_SID' })
  TWILIO_FROM?: string = undefined;

  /** nodemailer's URL form, e.g. smtps://user:pass@relay.example.com:465: email goes through SMTP. */
  @IsOptional()
  @IsString()
  SMTP_URL?: string = undefined;

  @ValidateIf(SET('SMTP_URL'))
  @IsString()
  @IsNotEmpty({ message: 'MAIL_FROM is required with SMTP_URL' })
  MAIL_FROM?: string = undefined;

  /** Run the partner outbox here (the default): it follows the log and posts customer actions to partners. */
  @IsIn(['true', 'false'])
  RUN_PARTNER_OUTBOX: 'true' | 'false' = 'true';

  /** Customer actions go to the partner concerned by a signed POST (HMAC with its WEBHOOK_SECRET_*): cancel to the warehouse. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PARTNER_ACTIONS_URL_WAREHOUSE must be an http(s) URL' })
  PARTNER_ACTIONS_URL_WAREHOUSE: string = DEV_PARTNER_URLS.PARTNER_ACTIONS_URL_WAREHOUSE;

  /** Reschedules go to the courier. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PARTNER_ACTIONS_URL_COURIER must be an http(s) URL' })
  PARTNER_ACTIONS_URL_COURIER: string = DEV_PARTNER_URLS.PARTNER_ACTIONS_URL_COURIER;

  /** Switches to a pickup point go to the pickup-point partner. */
  @Matches(/^https?:\/\/\S+$/, { message: 'PARTNER_ACTIONS_URL_PICKUP_POINT must be an http(s) URL' })
  PARTNER_ACTIONS_URL_PICKUP_POINT: string = DEV_PARTNER_URLS.PARTNER_ACTIONS_URL_PICKUP_POINT;

  /** The outbound webhook outbox (pending, delivered, dead letters) with STATE_STORE=sqlite; in memory with EVENT_STORE=memory. */
  @IsString()
  @IsNotEmpty()
  PARTNER_OUTBOX_DB_PATH = './data/partner-outbox.db';

  /** How often the outbox looks for due deliveries. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  PARTNER_OUTBOX_INTERVAL_MS = 1000;

  /** Attempts of one delivery before it is dead-lettered. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  PARTNER_OUTBOX_MAX_ATTEMPTS = 8;

  /** First retry delay; it doubles per attempt (with jitter) up to 30 minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PARTNER_OUTBOX_RETRY_BASE_MS = 10_000;

  /** A partner slower than this to answer counts as a failed attempt. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  PARTNER_TIMEOUT_MS = 5000;

  /** How many days (from tomorrow, or the forecast's earliest day when later; Sundays skipped) the courier offers for a reschedule. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  RESCHEDULE_DAYS_OFFERED = 5;

  /** The pickup points offered for a switch, `id=address;id=address`. */
  @Matches(PICKUP_POINT_LIST, { message: 'PICKUP_POINTS must be id=address;id=address...' })
  PICKUP_POINTS = 'pp-sp-paulista=Av. Paulista 1000, Sao Paulo;pp-rj-centro=Rua da Assembleia 10, Rio de Janeiro';

  /** /health/ready fails when a projection this process runs (status, ETA, relay) has left an event unprocessed for longer than this. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  READY_MAX_PROJECTION_LAG_MS = 30_000;

  /** /health/ready fails when the embedded notifier's dispatcher has not finished a pass for this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  READY_MAX_DISPATCHER_SILENCE_MS = 60_000;
}

/**
 * Where this process keeps its views, checkpoints and notifier state. A durable view over a
 * non-durable log would keep a checkpoint the next (empty) log never reaches, silently skipping new
 * events; so the in-memory log gets in-memory state whatever STATE_STORE says.
 */
export function stateStoreOf(config: Pick<ServiceConfig, 'EVENT_STORE' | 'STATE_STORE'>): StateStoreKind | 'memory' {
  return config.EVENT_STORE === 'memory' ? 'memory' : config.STATE_STORE;
}

/** The origin of customer links: PUBLIC_BASE_URL, or this process's own address. */
export const publicBaseUrlOf = (c: ServiceConfig): string => c.PUBLIC_BASE_URL ?? `http://${c.HOST}:${c.PORT}`;
