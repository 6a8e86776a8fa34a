export * from './fcm-push/fcm-push.sender';
export * from './fcm-push/fcm-push.factory';
export * from './twilio-sms/twilio-sms.sender';
export * from './twilio-sms/twilio-sms.factory';
export * from './smtp-email/smtp-email.sender';
export * from './smtp-email/smtp-email.factory';
export * from './file-outbox/file-outbox.sender';
export * from './channel-senders.from-env';
