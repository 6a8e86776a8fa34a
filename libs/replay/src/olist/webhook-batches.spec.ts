import type { PartnerWebhookCall, WebhookChannel } from './olist-webhooks.mapper';
import { webhookBatches } from './webhook-batches';

const call = (channel: WebhookChannel, orderId: string, n: number) => ({ at: n, call: { channel, orderId, body: { n } } as PartnerWebhookCall });
const shape = (calls: ReturnType<typeof call>[], size: number) =>
  webhookBatches(calls, size).map((b) => `${b.channel[0]}:${b.calls.map((c) => (c.body as { n: number }).n).join(',')}`);

describe('webhookBatches', () => {
  it('sends a window as one warehouse batch, then one courier batch, each in time order', () => {
    const calls = [call('warehouse', 'a', 1), call('courier', 'b', 2), call('warehouse', 'c', 3), call('courier', 'a', 4)];
    expect(shape(calls, 10)).toEqual(['w:1,3', 'c:2,4']);
  });

  it('starts a new window when a partner batch is full', () => {
    const calls = [1, 2, 3].map((n) => call('warehouse', `o${n}`, n));
    expect(shape(calls, 2)).toEqual(['w:1,2', 'w:3']);
  });

  it("never lets an order's warehouse step overtake its earlier delivery", () => {
    const calls = [call('warehouse', 'a', 1), call('courier', 'a', 2), call('warehouse', 'a', 3), call('warehouse', 'b', 4)];
    expect(shape(calls, 10)).toEqual(['w:1', 'c:2', 'w:3,4']);
  });

  it('lists each order of a batch once, with the time of its first call', () => {
    const [batch] = webhookBatches([call('warehouse', 'a', 5), call('warehouse', 'a', 6), call('warehouse', 'b', 7)], 10);
    expect(batch).toMatchObject({ at: 5, orderIds: ['a', 'b'] });
  });
});
