import { readFileSync } from 'node:fs';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  type ValidationError,
  validateSync,
} from 'class-validator';
import shippedPolicy from '../../../config/aftercare-policy.json';
import { ConfigError } from './load-config';

/** A voucher as the policy file and the ops grant route spell it. */
export class VoucherSchema {
  @IsIn(['percent', 'fixed'])
  kind!: 'percent' | 'fixed';

  @ValidateIf((v: VoucherSchema) => v.kind === 'percent')
  @IsNumber()
  @Min(1)
  @Max(100)
  percent!: number;

  @ValidateIf((v: VoucherSchema) => v.kind === 'fixed')
  @IsNumber()
  @Min(0.01)
  amount!: number;

  @ValidateIf((v: VoucherSchema) => v.kind === 'fixed')
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as BRL' })
  currency!: string;
}

class CompensationTierSchema {
  @IsInt()
  @Min(1)
  fromDaysLate!: number;

  @ValidateNested()
  @Type(() => VoucherSchema)
  voucher!: VoucherSchema;
}

class CompensationSchema {
  /** The promise's calendar: a day late is counted in this zone. */
  @IsString()
  @IsNotEmpty()
  timeZone!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CompensationTierSchema)
  tiers!: CompensationTierSchema[];
}

class ReturnsSchema {
  @IsInt()
  @Min(0)
  @Max(365)
  windowDays!: number;

  @IsArray()
  @IsString({ each: true })
  nonReturnableCategories!: string[];
}

class StorageSchema {
  @IsInt()
  @Min(1)
  @Max(30)
  extensionDays!: number;
}

/** The file AFTERCARE_POLICY_PATH names: compensation tiers, return rules, the storage extension. */
export class AftercarePolicySchema {
  @ValidateNested()
  @Type(() => CompensationSchema)
  compensation!: CompensationSchema;

  @ValidateNested()
  @Type(() => ReturnsSchema)
  returns!: ReturnsSchema;

  @ValidateNested()
  @Type(() => StorageSchema)
  storage!: StorageSchema;
}

export type AftercarePolicy = Readonly<{
  compensation: Readonly<{
    timeZone: string;
    tiers: readonly { fromDaysLate: number; voucher: { kind: 'percent'; percent: number } | { kind: 'fixed'; amount: number; currency: string } }[];
  }>;
  returns: Readonly<{ windowDays: number; nonReturnableCategories: readonly string[] }>;
  storage: Readonly<{ extensionDays: number }>;
}>;

/** The repository's config/aftercare-policy.json, compiled into the build so it is found from any working directory. */
export const SHIPPED_AFTERCARE_POLICY: unknown = shippedPolicy;

/**
 * Reads and validates the policy file at start-up (the shipped one when `path` is unset): a bad file stops
 * the process with every problem listed.
 */
export function loadAftercarePolicy(path: string | undefined): AftercarePolicy {
  let raw: unknown = SHIPPED_AFTERCARE_POLICY;
  try {
    if (path) raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`AFTERCARE_POLICY_PATH: cannot read ${path} as JSON (${(error as Error).message})`]);
  }
  return validated(raw, path ?? 'config/aftercare-policy.json');
}

function validated(raw: unknown, path: string): AftercarePolicy {
  const policy = plainToInstance(AftercarePolicySchema, raw);
  const problems = validateSync(policy, { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }).flatMap((e) =>
    describe(e, ''),
  );
  if (!isValidZone(policy.compensation?.timeZone)) problems.push(`compensation.timeZone: ${String(policy.compensation?.timeZone)} is not an IANA time zone`);
  if (problems.length) throw new ConfigError(problems.map((p) => `${path}: ${p}`));
  return policy as unknown as AftercarePolicy;
}

function describe(error: ValidationError, prefix: string): string[] {
  const path = `${prefix}${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((m) => `${path}: ${m}`);
  return [...own, ...(error.children ?? []).flatMap((c) => describe(c, `${path}.`))];
}

function isValidZone(zone: unknown): boolean {
  if (typeof zone !== 'string') return true; // reported by the schema
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
