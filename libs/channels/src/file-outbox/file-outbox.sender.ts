import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelSender } from '@ot/application';
import type { Channel, Outgoing } from '@ot/domain';

/**
 * The embedded default for a channel with no vendor configured: the rendered message is appended
 * as one JSON line to a local file (a developer's "outbox"), so `npm start` shows real notifications
 * without FCM, Twilio or SMTP accounts. The file holds recipients, so it lives under ./data, never in logs.
 * Each line is stamped with the message's sentAt (the system's Clock), so a replay writes the same lines.
 */
export class FileOutboxSender implements ChannelSender {
  constructor(
    readonly channel: Channel,
    private readonly path: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  async send(message: Outgoing): Promise<{ providerMessageId: string }> {
    const providerMessageId = `outbox:${message.notificationId}:${message.channel}`;
    appendFileSync(this.path, `${JSON.stringify({ providerMessageId, at: message.sentAt, ...message })}\n`);
    return { providerMessageId };
  }
}
