import { SendFailure, type ChannelSender } from '@ot/application';
import type { Outgoing } from '@ot/domain';
import type { Transporter } from 'nodemailer';
import { idempotencyKeyOf } from '../idempotency-key';

/** Email through an SMTP relay: subject = title, a plain-text part and, when rendered, an HTML part. */
export class SmtpEmailSender implements ChannelSender {
  readonly channel = 'email' as const;

  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
  ) {}

  async send(m: Outgoing): Promise<{ providerMessageId: string }> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.title,
        text: m.text,
        html: m.html,
        // The same Message-ID on a re-sent copy lets a receiving system recognise it (none must).
        messageId: `<${encodeURIComponent(idempotencyKeyOf(m.notificationId))}@${domainOf(this.from)}>`,
        // Lets bounces and complaints be traced back to the notification that caused them.
        headers: { 'X-Notification-Id': m.notificationId },
      });
      return { providerMessageId: info.messageId };
    } catch (error) {
      throw smtpFailure(error);
    }
  }
}

/** The domain of MAIL_FROM ("Orders <orders@shop.test>"), the right-hand side of our Message-IDs. */
const domainOf = (from: string): string => /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';

/** 550 mailbox unavailable, 551 user not local, 553 mailbox name not allowed: about the address itself. */
const RECIPIENT_REJECTED = new Set([550, 551, 553]);
/** nodemailer's codes for "never got an SMTP answer": the relay may be fine a moment later. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * Maps a nodemailer error (responseCode = the SMTP reply, command = the SMTP command it answered) to
 * what the notifier does next. A 550/551/553 only means "bad recipient" when it answers RCPT TO: the
 * same code after MAIL FROM or DATA is about us or the content, so it is permanent, not the address.
 */
export function smtpFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; command?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;

  if (reply !== undefined) {
    const providerCode = String(reply);
    if (RECIPIENT_REJECTED.has(reply) && e.command === 'RCPT TO') return new SendFailure('invalid-recipient', message, providerCode);
    if (reply >= 400 && reply < 500) return new SendFailure('transient', message, providerCode);
    return new SendFailure('permanent', message, providerCode);
  }
  if (code && CONNECTION_CODES.has(code)) return new SendFailure('transient', message, code);
  return new SendFailure('permanent', message, code);
}
