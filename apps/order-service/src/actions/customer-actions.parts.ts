import type { Provider, Type } from '@nestjs/common';
import type { ServiceConfig } from '@ot/config';
import { PartnerOutboxController } from '../outbound/partner-outbox.controller';
import { PartnerOutboxRunner } from '../outbound/partner-outbox.runner';
import { CustomerActionsController } from './customer-actions.controller';
import { OrderActionOffers } from './order-actions.offers';
import { RequestCustomerActionHandler } from './request-customer-action.handler';

/** What customer actions add to AppModule: their routes, the command handler, and (RUN_PARTNER_OUTBOX) the outbox runner. */
export const CUSTOMER_ACTION_CONTROLLERS: Type[] = [CustomerActionsController, PartnerOutboxController];
export const customerActionProviders = (config: ServiceConfig): Provider[] => [
  RequestCustomerActionHandler,
  OrderActionOffers,
  ...(config.RUN_PARTNER_OUTBOX === 'true' ? [PartnerOutboxRunner] : []),
];
