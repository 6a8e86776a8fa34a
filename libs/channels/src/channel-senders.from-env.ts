import type { ChannelSender } from '@ot/application';
import type { Channel } from '@ot/domain';
import { fcmPushSenderFromEnv } from './fcm-push/fcm-push.factory';
import { FileOutboxSender } from './file-outbox/file-outbox.sender';
import { smtpEmailSenderFromEnv } from './smtp-email/smtp-email.factory';
import { twilioSmsSenderFromEnv } from './twilio-sms/twilio-sms.factory';

/** Which env variable switches each channel from the local outbox file to its vendor. */
const VENDOR_SWITCH: Record<Channel, { variable: string; build: (env: NodeJS.ProcessEnv) => ChannelSender }> = {
  push: { variable: 'FCM_SERVICE_ACCOUNT_JSON', build: fcmPushSenderFromEnv },
  sms: { variable: 'TWILIO_ACCOUNT_SID', build: twilioSmsSenderFromEnv },
  email: { variable: 'SMTP_URL', build: smtpEmailSenderFromEnv },
};

export type ChannelSetup = { senders: ChannelSender[]; outboxChannels: Channel[] };

/**
 * One sender per channel: the vendor's when its variables are set (a half-configured vendor fails
 * start-up with the factory's message), else the local outbox file under NOTIFIER_OUTBOX_DIR.
 */
export function channelSendersFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelSetup {
  const outboxDir = env.NOTIFIER_OUTBOX_DIR ?? './data/outbox';
  const setup: ChannelSetup = { senders: [], outboxChannels: [] };
  for (const [channel, vendor] of Object.entries(VENDOR_SWITCH) as [Channel, (typeof VENDOR_SWITCH)[Channel]][]) {
    if (env[vendor.variable]) {
      setup.senders.push(vendor.build(env));
    } else {
      setup.senders.push(new FileOutboxSender(channel, `${outboxDir}/${channel}.jsonl`));
      setup.outboxChannels.push(channel);
    }
  }
  return setup;
}
