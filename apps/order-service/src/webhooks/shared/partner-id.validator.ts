import { ID_RULE, isValidId } from '@ot/domain';
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/** Order ids, event ids, customer ids and shipment refs: the domain's id rule, as a DTO decorator. */
export const IsPartnerId = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    { name: 'isPartnerId', validator: { validate: isValidId, defaultMessage: buildMessage((each) => `${each}$property must be ${ID_RULE}`, options) } },
    options,
  );
