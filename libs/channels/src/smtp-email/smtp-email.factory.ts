import { createTransport } from 'nodemailer';
import type { VendorSettings } from '../channel.settings';
import { SmtpEmailSender } from './smtp-email.sender';

/**
 * SMTP_URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@relay.example.com:465 (nodemailer's URL
 * form: credentials, TLS and pool options all fit in it), and MAIL_FROM, e.g. "Orders <orders@example.com>".
 */
export function smtpEmailSenderFromConfig(settings: VendorSettings): SmtpEmailSender {
  const { SMTP_URL: url, MAIL_FROM: from } = settings;
  if (!url || !from) throw new Error(`SMTP email needs ${[!url && 'SMTP_URL', !from && 'MAIL_FROM'].filter(Boolean).join(', ')}`);
  return new SmtpEmailSender(createTransport(url), from);
}
