import { get, type IncomingMessage } from 'node:http';
import { courier, newOrderId, orderPlaced } from './support/payloads';
import { startTestApp, type TestApp, tokenFor } from './support/test-app';

const OPS = tokenFor('agent-1', 'ops');

/** The SSE stream of board changes: what an open /ops page receives, and that it never holds the service up at shutdown. */
describe('ops console live stream', () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ CLOCK: 'event-time', RUN_ETA: 'true' }); // the delay reactor turns a partner's delay into a prediction, as in production
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterEach(() => t.close());

  const open = (): Promise<{ res: IncomingMessage; messages: string[] }> =>
    new Promise((resolve, reject) => {
      get(`${base}/ops/api/stream`, { headers: { authorization: `Bearer ${OPS}` } }, (res) => {
        const messages: string[] = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const parts = buffer.split('\n\n');
          buffer = parts.pop()!;
          messages.push(...parts);
        });
        resolve({ res, messages });
      }).on('error', reject);
    });

  it('names the changed order when a webhook lands; the page re-reads its row', async () => {
    const { res, messages } = await open();
    expect(res.headers['content-type']).toContain('text/event-stream');
    const orderId = newOrderId();
    expect((await t.webhook('warehouse', orderPlaced(orderId))).statusCode).toBe(202);
    expect((await t.webhook('courier', courier(orderId, 'EXCEPTION', '2026-01-02T10:00:00Z', { exceptionCode: 'LOST' }))).statusCode).toBe(202);
    const idsOf = () => messages.filter((m) => m.includes('event: changed')).flatMap((m) => JSON.parse(m.split('\ndata: ')[1]).ids as string[]);
    // what the page does on 'changed': re-read the rows it lists among the ids
    const rowOf = async () => {
      const list = await new Promise<string>((resolve, reject) =>
        get(`${base}/ops/api/orders?ids=${orderId}`, { headers: { authorization: `Bearer ${OPS}` } }, (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (c: string) => (body += c));
          r.on('end', () => resolve(body));
        }).on('error', reject),
      );
      return (JSON.parse(list) as { items: { orderId: string; reason?: string }[] }).items[0];
    };
    // the forecast may flag the order at risk first (eta-beyond-promise); the courier's LOST scan must then be named and read
    const deadline = Date.now() + 5000;
    while (!(idsOf().includes(orderId) && (await rowOf())?.reason === 'lost') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(idsOf()).toContain(orderId);
    expect(await rowOf()).toMatchObject({ orderId, delayState: 'at-risk', reason: 'lost' });
    res.destroy();
  });

  it('ends open streams at shutdown instead of waiting for the browser to leave', async () => {
    const { res } = await open();
    const ended = new Promise((resolve) => res.on('end', resolve));
    const started = Date.now();
    await t.app.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(3000);
    t = { close: async () => undefined } as unknown as TestApp;
  }, 15_000);
});
