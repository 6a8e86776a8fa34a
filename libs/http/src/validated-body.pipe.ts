import { ValidationPipe } from '@nestjs/common';
import { fieldErrorsOf, InvalidPayloadError } from './field-errors';

/**
 * For @Body() DTOs: an unknown field is a 400, not silently stored, and the 400 names each field
 * as `errors: [{field, message}]`, like a bad webhook payload.
 */
export const validatedBody = (): ValidationPipe =>
  new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new InvalidPayloadError(fieldErrorsOf(errors)),
  });
