import type { ChannelSender } from '@ot/application';
import type { Channel } from '@ot/domain';
import type { ChannelSettings, VendorSettings } from './channel.settings';
import { fcmPushSenderFromConfig } from './fcm-push/fcm-push.factory';
import { FileOutboxSender } from './file-outbox/file-outbox.sender';
import { smtpEmailSenderFromConfig } from './smtp-email/smtp-email.factory';
import { twilioSmsSenderFromConfig } from './twilio-sms/twilio-sms.factory';

/** Which setting switches each channel from the local outbox file to its vendor. */
const VENDOR_SWITCH: Record<Channel, { setting: keyof VendorSettings; build: (settings: VendorSettings) => ChannelSender }> = {
  push: { setting: 'FCM_SERVICE_ACCOUNT_JSON', build: fcmPushSenderFromConfig },
  sms: { setting: 'TWILIO_ACCOUNT_SID', build: twilioSmsSenderFromConfig },
  email: { setting: 'SMTP_URL', build: smtpEmailSenderFromConfig },
};

export type ChannelSetup = { senders: ChannelSender[]; outboxChannels: Channel[] };

/**
 * One sender per channel: the vendor's when its variables are set (a half-configured vendor fails
 * start-up with the factory's message), else the local outbox file under NOTIFIER_OUTBOX_DIR.
 */
export function channelSendersFromConfig(settings: ChannelSettings): ChannelSetup {
  const outboxDir = settings.NOTIFIER_OUTBOX_DIR;
  const setup: ChannelSetup = { senders: [], outboxChannels: [] };
  for (const [channel, vendor] of Object.entries(VENDOR_SWITCH) as [Channel, (typeof VENDOR_SWITCH)[Channel]][]) {
    if (settings[vendor.setting]) {
      setup.senders.push(vendor.build(settings));
    } else {
      setup.senders.push(new FileOutboxSender(channel, `${outboxDir}/${channel}.jsonl`));
      setup.outboxChannels.push(channel);
    }
  }
  return setup;
}
