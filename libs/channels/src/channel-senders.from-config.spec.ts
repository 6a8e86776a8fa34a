import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelSendersFromConfig } from './channel-senders.from-config';
import { SmtpEmailSender } from './smtp-email/smtp-email.sender';

describe('channel senders from the configuration', () => {
  const outboxDir = () => mkdtempSync(join(tmpdir(), 'outbox-'));

  it('falls back to the local outbox file for every channel when no vendor is configured', async () => {
    const dir = outboxDir();
    const { senders, outboxChannels } = channelSendersFromConfig({ NOTIFIER_OUTBOX_DIR: dir });
    expect(outboxChannels).toEqual(['push', 'sms', 'email']);
    const push = senders.find((s) => s.channel === 'push')!;
    const { providerMessageId } = await push.send({
      notificationId: 'n1',
      orderId: 'o1',
      kind: 'shipped',
      sentAt: '2026-01-02T12:00:00.000Z',
      channel: 'push',
      to: 'tok',
      title: 'T',
      text: 'hello',
    });
    const line = JSON.parse(readFileSync(join(dir, 'push.jsonl'), 'utf8').trim());
    expect(line).toMatchObject({ providerMessageId, notificationId: 'n1', to: 'tok', text: 'hello' });
  });

  it('uses the vendor sender when its variables are set', () => {
    const { senders, outboxChannels } = channelSendersFromConfig({ NOTIFIER_OUTBOX_DIR: outboxDir(), SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@b.c' });
    expect(outboxChannels).toEqual(['push', 'sms']);
    expect(senders.find((s) => s.channel === 'email')).toBeInstanceOf(SmtpEmailSender);
  });

  it('fails loudly on a half-configured vendor instead of silently using the outbox', () => {
    expect(() => channelSendersFromConfig({ NOTIFIER_OUTBOX_DIR: outboxDir(), SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
  });
});
