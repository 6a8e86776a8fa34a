import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { type SendFailure } from '@ot/application';
import { describeChannelSenderContract, type ContractOutcome } from '../contract/channel-sender.contract';
import { smtpEmailSenderFromConfig } from './smtp-email.factory';
import { SmtpEmailSender, smtpFailure } from './smtp-email.sender';

/**
 * A real SMTP server (smtp-server) on a loopback port; nodemailer talks real SMTP to it and what it
 * receives is parsed back with mailparser. The recipient's mailbox name picks the server's answer.
 */
const ANSWERS: Record<string, [number, string]> = {
  gone: [550, '5.1.1 Mailbox does not exist'],
  forbidden: [553, '5.1.3 Mailbox name not allowed'],
  busy: [451, '4.3.0 Mailbox temporarily unavailable, try again later'],
};
const FROM = 'Orders <orders@shop.test>';
let received: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
let port = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    const answer = ANSWERS[address.address.split('@')[0]];
    if (!answer) return callback();
    callback(Object.assign(new Error(answer[1]), { responseCode: answer[0] }));
  },
  onData(stream: SMTPServerDataStream, session, callback) {
    // A message "spam@" reaches DATA and is refused there: a permanent rejection of the content.
    const spam = session.envelope.rcptTo.some((r) => r.address.startsWith('spam@'));
    simpleParser(stream).then((mail) => {
      if (spam) return callback(Object.assign(new Error('5.7.1 Message rejected as spam'), { responseCode: 554 }));
      received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
      callback();
    }, callback);
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
beforeEach(() => {
  received = [];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sender = () => new SmtpEmailSender(createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }), FROM);
const RECIPIENT: Record<ContractOutcome, string> = {
  success: 'ann@customer.test',
  transient: 'busy@customer.test',
  permanent: 'spam@customer.test',
  'invalid-recipient': 'gone@customer.test',
};
describeChannelSenderContract('SmtpEmailSender (nodemailer to a loopback smtp-server)', () => ({
  channel: 'email',
  sender,
  arrange: (outcome) => RECIPIENT[outcome],
}));

const email = (to: string, s = sender()) =>
  s.send({
    notificationId: 'o1:delay-predicted:7',
    orderId: 'o1',
    kind: 'delay-predicted',
    sentAt: '2026-01-02T12:00:00.000Z',
    channel: 'email',
    to,
    title: 'Заказ A-17 задерживается',
    text: 'Причина задержки: плохая погода.\nНовая ожидаемая дата доставки: 2 декабря.',
    html: '<p>Причина задержки: плохая погода.</p><p>Новая ожидаемая дата доставки: 2 декабря.</p>',
  });
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: SendFailure) => e,
  );

describe('SmtpEmailSender over real SMTP', () => {
  it('delivers subject, text and html parts to the recipient, with our Message-ID and notification id', async () => {
    const { providerMessageId } = await email('ann@customer.test');
    expect(received).toHaveLength(1);
    const { envelopeTo, mail } = received[0];
    expect(envelopeTo).toEqual(['ann@customer.test']);
    expect(mail.from?.value).toEqual([{ name: 'Orders', address: 'orders@shop.test' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : mail.to).toEqual([{ name: '', address: 'ann@customer.test' }]);
    expect(mail.subject).toBe('Заказ A-17 задерживается');
    expect(mail.text?.trim()).toBe('Причина задержки: плохая погода.\nНовая ожидаемая дата доставки: 2 декабря.');
    expect(mail.html).toBe('<p>Причина задержки: плохая погода.</p><p>Новая ожидаемая дата доставки: 2 декабря.</p>');
    expect(mail.messageId).toBe(providerMessageId);
    expect(mail.messageId).toBe('<o1%3Adelay-predicted%3A7@shop.test>'); // deterministic: a re-send carries the same one
    expect(mail.headers.get('x-notification-id')).toBe('o1:delay-predicted:7');
  });

  it('classifies 553 on RCPT TO as invalid-recipient and 451 as transient', async () => {
    expect(await failureOf(email('forbidden@customer.test'))).toMatchObject({ kind: 'invalid-recipient', providerCode: '553' });
    expect(await failureOf(email('busy@customer.test'))).toMatchObject({ kind: 'transient', providerCode: '451' });
    expect(received).toEqual([]);
  });

  it('classifies 554 after DATA as permanent, not as a bad address', async () => {
    expect(await failureOf(email('spam@customer.test'))).toMatchObject({ kind: 'permanent', providerCode: '554' });
  });

  it('classifies a refused connection (relay down) as transient', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = new SmtpEmailSender(createTransport({ host: '127.0.0.1', port: deadPort, ignoreTLS: true }), FROM);
    expect(await failureOf(email('ann@customer.test', down))).toMatchObject({ kind: 'transient' });
  });

  it('keeps 550 answering MAIL FROM (our sender refused) permanent', () => {
    expect(smtpFailure(Object.assign(new Error('550 sender refused'), { responseCode: 550, command: 'MAIL FROM' }))).toMatchObject({ kind: 'permanent' });
  });
});

describe('smtpEmailSenderFromConfig', () => {
  it('sends through SMTP_URL from MAIL_FROM', async () => {
    const s = smtpEmailSenderFromConfig({ SMTP_URL: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, MAIL_FROM: FROM });
    await email('bob@customer.test', s);
    expect(received.map((r) => r.envelopeTo)).toEqual([['bob@customer.test']]);
  });

  it('names what is missing', () => {
    expect(() => smtpEmailSenderFromConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow('SMTP email needs MAIL_FROM');
  });
});
