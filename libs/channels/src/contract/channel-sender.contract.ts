import { SendFailure, type ChannelSender } from '@ot/application';
import type { Channel, Outgoing } from '@ot/domain';

export type ContractOutcome = 'success' | 'transient' | 'permanent' | 'invalid-recipient';

/** What each sender's spec supplies: the sender, and a fake server that behaves as asked for the next send. */
export type ChannelSenderHarness = Readonly<{
  channel: Channel;
  sender(): ChannelSender;
  /** Make the vendor's (fake) server answer the next send with this outcome; returns the recipient to send to. */
  arrange(outcome: ContractOutcome): Promise<string> | string;
  /** Optional: after a send, check the fake server really saw it (e.g. all nock interceptors used). */
  verify?(): Promise<void> | void;
}>;

export const contractMessage = (to: string): Outgoing => ({
  notificationId: 'o1:shipped:42',
  orderId: 'o1',
  kind: 'shipped',
  sentAt: '2026-01-02T12:00:00.000Z',
  channel: 'push',
  to,
  title: 'Your order o1 is on its way',
  text: 'We have handed order o1 to the carrier.',
  html: '<p>We have handed order o1 to the carrier.</p>',
  data: { orderId: 'o1' },
});

/**
 * One contract for every ChannelSender (STYLE.md: one contract suite per port, run on every adapter):
 * success gives a provider message id, and each failure is classified so the notifier knows whether
 * to retry, give up, or forget the recipient and fall back to the next channel.
 */
export function describeChannelSenderContract(name: string, harness: () => ChannelSenderHarness): void {
  describe(`${name}: ChannelSender contract`, () => {
    it('serves the channel it says', () => {
      const h = harness();
      expect(h.sender().channel).toBe(h.channel);
    });

    it('given the provider accepts, then send returns its message id', async () => {
      const h = harness();
      const to = await h.arrange('success');
      const result = await h.sender().send({ ...contractMessage(to), channel: h.channel });
      expect(typeof result.providerMessageId).toBe('string');
      expect(result.providerMessageId.length).toBeGreaterThan(0);
      await h.verify?.();
    });

    it.each<Exclude<ContractOutcome, 'success'>>(['transient', 'permanent', 'invalid-recipient'])(
      'given the provider answers with a %s error, then send rejects with a SendFailure of that kind',
      async (outcome) => {
        const h = harness();
        const to = await h.arrange(outcome);
        const failure = await h
          .sender()
          .send({ ...contractMessage(to), channel: h.channel })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(failure).toBeInstanceOf(SendFailure);
        expect((failure as SendFailure).kind).toBe(outcome);
        await h.verify?.();
      },
    );
  });
}
