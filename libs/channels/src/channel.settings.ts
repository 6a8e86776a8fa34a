/**
 * What the channel senders need, by the configuration's own names (ServiceConfig in @ot/config
 * has them, validated: a half-configured vendor stops start-up there). Never read from process.env.
 */
export type ChannelSettings = Readonly<{
  NOTIFIER_OUTBOX_DIR: string;
  FCM_SERVICE_ACCOUNT_JSON?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  SMTP_URL?: string;
  MAIL_FROM?: string;
}>;

export type VendorSettings = Omit<ChannelSettings, 'NOTIFIER_OUTBOX_DIR'>;
