import type { EtaView, StatusView } from '@ot/application';
import type { CustomerActionType, OrderSummaryFacts } from '@ot/domain';

/** The summary's facts from the order's two documents (status, ETA) and the actions its state allows now. */
export function summaryFactsOf(view: StatusView, eta: EtaView | undefined, actions: readonly CustomerActionType[]): OrderSummaryFacts {
  const last = view.timeline.at(-1);
  return {
    orderId: view.orderId,
    status: view.status,
    statusAt: view.statusAt,
    promisedBy: view.promisedBy,
    lastLocation: view.lastLocation,
    pickupPoint: view.pickupPoint,
    note: view.status === 'DeliveryAttemptFailed' && last?.milestone === 'DeliveryAttemptFailed' ? last.reason : undefined,
    delay: view.delay,
    eta: eta && { window: eta.window },
    actions,
  };
}
