import type { Type } from '@nestjs/common';
import { CustomerPageController } from './customer-page.controller';
import { OrderSummaryController } from './order-summary.controller';

/** What the customer-facing answers add to AppModule: the plain-language summary, the order page and its links. */
export const CUSTOMER_PAGE_CONTROLLERS: Type[] = [OrderSummaryController, CustomerPageController];
