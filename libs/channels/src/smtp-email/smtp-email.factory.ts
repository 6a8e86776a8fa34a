import type * as Nodemailer from 'nodemailer';
import type { VendorSettings } from '../channel.settings';
import { SmtpEmailSender } from './smtp-email.sender';

// Required on first use, not at start: the embedded default writes email to the outbox file, and
// loading nodemailer cost about 25 ms and 11 MB of RSS at every start (docs/PERFORMANCE.md, session 9).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
const nodemailer = (): typeof Nodemailer => require('nodemailer') as typeof Nodemailer;

/**
 * SMTP_URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@relay.example.com:465 (nodemailer's URL
 * form: credentials, TLS and pool options all fit in it), and MAIL_FROM, e.g. "Orders <orders@example.com>".
 */
export function smtpEmailSenderFromConfig(settings: VendorSettings): SmtpEmailSender {
  const { SMTP_URL: url, MAIL_FROM: from } = settings;
  if (!url || !from) throw new Error(`SMTP email needs ${[!url && 'SMTP_URL', !from && 'MAIL_FROM'].filter(Boolean).join(', ')}`);
  return new SmtpEmailSender(nodemailer().createTransport(url), from);
}
