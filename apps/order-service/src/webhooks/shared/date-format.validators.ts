import { applyDecorators } from '@nestjs/common';
import { IsDateString, Matches, type ValidationOptions } from 'class-validator';

/**
 * An instant must carry its offset (Z or +hh:mm): a bare local time from a partner in another
 * time zone would be silently off by hours. IsDateString then rejects impossible dates.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const IsInstant = (options: ValidationOptions = {}) =>
  applyDecorators(
    Matches(INSTANT, { ...options, message: '$property must be an ISO-8601 instant with an offset, e.g. 2026-01-02T10:00:00Z' }),
    IsDateString({ strict: true }, options),
  );

export const IsCalendarDate = (options: ValidationOptions = {}) =>
  applyDecorators(Matches(CALENDAR_DATE, { ...options, message: '$property must be a calendar date YYYY-MM-DD' }), IsDateString({ strict: true }, options));

/** Partners send offsets as they like; the domain stores one canonical UTC form. */
export const toInstant = (value: string): string => new Date(value).toISOString();
