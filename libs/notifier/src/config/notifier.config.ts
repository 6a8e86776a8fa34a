import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me';

/**
 * The notifier's environment with embedded defaults: with nothing set it runs in-process on a local
 * SQLite file. Channel variables (FCM_*, TWILIO_*, SMTP_*) are read by the senders' factories, not here.
 */
export class NotifierConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  NOTIFIER_PORT = 3001;

  @IsString()
  NOTIFIER_DB_PATH = './data/notifier.db';

  @IsIn(['in-process', 'kafka'])
  BUS: 'in-process' | 'kafka' = 'in-process';

  @ValidateIf((c: NotifierConfig) => c.BUS === 'kafka')
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...] when BUS=kafka' })
  KAFKA_BROKERS?: string;

  @IsString()
  KAFKA_TOPIC = 'order-events';

  @IsString()
  KAFKA_GROUP_ID = 'notifier';

  @IsOptional()
  @IsIn(['nothing', 'error', 'warn', 'info'])
  KAFKA_LOG_LEVEL?: string;

  @IsString()
  @MinLength(16)
  JWT_SECRET = DEV_JWT_SECRET;

  /** How often the dispatcher looks for due sends. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  NOTIFIER_DISPATCH_INTERVAL_MS = 1000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFIER_MAX_ATTEMPTS = 6;
}
