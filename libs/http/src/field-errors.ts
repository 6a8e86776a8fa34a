import type { ValidationError } from 'class-validator';

export type FieldError = { field: string; message: string };

/** A body that does not match its contract; answered as a 400 problem naming every field. */
export class InvalidPayloadError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`invalid payload: ${errors.map((e) => e.field).join(', ')}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Nested errors (origin.zip, point.address) become one entry per field, messages joined. */
export function fieldErrorsOf(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}
