/**
 * What a customer may do about an order (the `type` of GET/POST /orders/:id/actions). Which of
 * them an order's state allows is the order decider's rule; this list only names them, for the words.
 */
export const OFFERED_ACTIONS = ['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point', 'cancel'] as const;
export type OfferedAction = (typeof OFFERED_ACTIONS)[number];

/** What a delay message offers as buttons: the page then shows only what the order's state allows when it is opened. */
export const DELAY_MESSAGE_ACTIONS: readonly OfferedAction[] = ['accept-new-date', 'reschedule-delivery', 'switch-to-pickup-point'];
