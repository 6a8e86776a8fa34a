import { eventually } from '@ot/testing';
import { EtaPipelineRunner } from '../../../apps/order-service/src/status/eta-pipeline.runner';
import { courier, newOrderId, orderPlaced } from './payloads';
import { type TestApp, tokenFor } from './test-app';

export const DAY = 86_400_000;
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export type Offer = { type: string; days?: string[]; pickupPoints?: { pointId: string; address: string }[] };

export const bearer = (sub = 'c1', role: 'customer' | 'ops' = 'customer') => ({ authorization: `Bearer ${tokenFor(sub, role)}` });

/** The customer-action routes of one app, and orders the delay reactor has made late. */
export function customerActions(app: () => TestApp) {
  const inject = (...args: Parameters<TestApp['app']['inject']>) => app().app.inject(...args);
  const status = async (orderId: string) => (await app().getOrder(orderId)).json();
  return {
    status,
    actions: (orderId: string, headers = bearer()) => inject({ method: 'GET', url: `/orders/${orderId}/actions`, headers }),
    act: (orderId: string, body: Record<string, unknown>, headers = bearer()) =>
      inject({ method: 'POST', url: `/orders/${orderId}/actions`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
    /** Placed 20 days ago, promised 5 days ago: the delay reactor records the broken promise, so the order is late. */
    async lateOrder(handedOver: boolean): Promise<string> {
      const orderId = newOrderId();
      const now = Date.now();
      const placed = { ...orderPlaced(orderId, 'c1', new Date(now - 20 * DAY).toISOString()), promisedDate: isoDay(now - 5 * DAY) };
      if ((await app().webhook('warehouse', placed)).statusCode !== 202) throw new Error('order not placed');
      if (handedOver && (await app().webhook('courier', courier(orderId, 'PICKED_UP', new Date(now - 18 * DAY).toISOString()))).statusCode !== 202) {
        throw new Error('not handed over');
      }
      await app().app.get(EtaPipelineRunner).settle();
      await eventually(async () => {
        if ((await status(orderId)).delay.state !== 'late') throw new Error('not late yet');
      });
      return orderId;
    },
  };
}
