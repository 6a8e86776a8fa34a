import { ArrayMaxSize, ArrayMinSize, IsArray, validateSync } from 'class-validator';
import { InvalidPayloadError } from '@ot/http';

export const MAX_BATCH_SIZE = 500;

/** The envelope only: each item is validated on its own, so one bad item fails alone. */
export class BatchPayload {
  // checked bottom up and stopped at the first failure (stopAtFirstError below): not an array is told that alone
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ArrayMinSize(1)
  @IsArray()
  events!: unknown[];
}

export function batchItems(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidPayloadError([{ field: '(body)', message: 'the body must be a JSON object {"events": [...]}' }]);
  }
  // the envelope's own fields only: plainToInstance would copy every item first
  const errors = validateSync(Object.assign(new BatchPayload(), body), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) {
    throw new InvalidPayloadError(errors.map((e) => ({ field: e.property, message: Object.values(e.constraints ?? {}).join('; ') })));
  }
  return (body as BatchPayload).events;
}
