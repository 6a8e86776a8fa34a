import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelSender } from '@ot/application';
import type { Channel, Outgoing } from '@ot/domain';
import { OutboxKeys } from './outbox-keys';

/**
 * The embedded default for a channel with no vendor configured: the rendered message is appended
 * as one JSON line to a local file (a developer's "outbox"), so `npm start` shows real notifications
 * without FCM, Twilio or SMTP accounts. The file holds recipients, so it lives under ./data, never in logs.
 * Each line is stamped with the message's sentAt (the system's Clock), so a replay writes the same lines.
 *
 * It is a provider that honours idempotency keys (the notification id): every process writing the
 * same file shares one key directory, so a send re-made after a crash, by any notifier, adds no
 * second line; it is noted in `<file>.repeats.jsonl` instead.
 */
export class FileOutboxSender implements ChannelSender {
  private readonly keys: OutboxKeys;

  constructor(
    readonly channel: Channel,
    private readonly path: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.keys = new OutboxKeys(`${path}.keys`);
  }

  async send(message: Outgoing): Promise<{ providerMessageId: string }> {
    const providerMessageId = `outbox:${message.notificationId}:${message.channel}`;
    const line = `${JSON.stringify({ providerMessageId, at: message.sentAt, ...message })}\n`;
    const earlier = this.keys.accept(message.notificationId, line);
    if (earlier === undefined) {
      appendFileSync(this.path, line);
      return { providerMessageId };
    }
    // Accepted before: if that sender died between the key and the line, the line is written now, once.
    if (!holdsLine(this.path, providerMessageId)) appendFileSync(this.path, earlier);
    appendFileSync(`${this.path}.repeats.jsonl`, line);
    return { providerMessageId };
  }
}

/** Whether the outbox file already holds the line of `providerMessageId` (read only on a repeat). */
const holdsLine = (path: string, providerMessageId: string): boolean =>
  existsSync(path) && readFileSync(path, 'utf8').includes(`{"providerMessageId":${JSON.stringify(providerMessageId)},`);
