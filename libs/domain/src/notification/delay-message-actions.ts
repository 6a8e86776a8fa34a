import type { CustomerActionType } from '../order/customer-action.events';

/** What a delay message offers as buttons: the page then shows only what the order's state allows when it is opened. */
export const DELAY_MESSAGE_ACTIONS: readonly CustomerActionType[] = ['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point'];
