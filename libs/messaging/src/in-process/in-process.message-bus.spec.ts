import { busContract } from '../contract/bus.contract';
import { InProcessMessageBus } from './in-process.message-bus';

describe('InProcessMessageBus (bus contract)', () => {
  busContract(async () => new InProcessMessageBus({ redeliveryDelayMs: 10 }));
});

describe('InProcessMessageBus publish', () => {
  it('resolves only after every subscribed group committed, so a relay checkpoint implies "handled"', async () => {
    const bus = new InProcessMessageBus<number>();
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const sub = await bus.subscribe('slow', () => gate);
    let done = false;
    const published = bus.publish([{ key: 'a', value: 1 }]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    await published;
    expect(done).toBe(true);
    await sub.stop();
  });
});
