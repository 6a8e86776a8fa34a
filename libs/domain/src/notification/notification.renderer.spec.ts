import { escapeHtml, renderNotification } from './notification.renderer';
import { NOTIFICATION_KINDS, type Language, type NotificationFacts, type NotificationKind } from './notification.types';

const SENT_AT = '2026-11-23T09:00:00.000Z';
const moscow = (language: Language) => ({ language, timeZone: 'Europe/Moscow', sentAt: SENT_AT });
const render = (kind: NotificationKind, facts: Omit<NotificationFacts, 'orderId'>, language: Language, timeZone = 'Europe/Moscow', sentAt = SENT_AT) =>
  renderNotification(kind, { orderId: 'A-17', ...facts }, { language, timeZone, sentAt });

describe('notification templates', () => {
  describe('given a predicted delay (weather, new date 2 Dec 2026)', () => {
    const facts = { reason: 'weather', newExpected: '2026-12-02', promisedBy: '2026-11-30' };

    it('then English apologises, says the reason in words and the new date', () => {
      expect(render('delay-predicted', facts, 'en')).toEqual({
        title: 'We are sorry: order A-17 will be late',
        text: [
          'We are sorry: order A-17 will be late',
          'Your order is delayed because of bad weather.',
          'We now expect to deliver it on Wednesday, December 2.',
          'We apologise for the inconvenience.',
        ].join('\n'),
        html:
          '<!doctype html><html lang="en"><body><h1>We are sorry: order A-17 will be late</h1>' +
          '<p>Your order is delayed because of bad weather.</p><p>We now expect to deliver it on Wednesday, December 2.</p>' +
          '<p>We apologise for the inconvenience.</p></body></html>',
      });
    });

    it('then Russian does the same in Russian, the date in the genitive', () => {
      const { title, text } = render('delay-predicted', facts, 'ru');
      expect(title).toBe('Приносим извинения: заказ A-17 задерживается');
      expect(text).toContain('Причина задержки: плохая погода.');
      expect(text).toContain('Новая ожидаемая дата доставки: 2 декабря.');
      expect(text).toContain('Просим прощения за неудобства.');
    });

    it('then a system-detected cause is put into words too, and an unknown one falls back to a neutral phrase', () => {
      expect(render('delay-predicted', { ...facts, reason: 'no-scan-expected-by-now' }, 'en').text).toContain(
        'because of the parcel not being scanned when expected',
      );
      expect(render('delay-predicted', { ...facts, reason: 'gremlins' }, 'ru').text).toContain('Причина задержки: непредвиденные обстоятельства.');
    });

    it('then a forecast beyond the promise names no moving parcel: it is also told before the parcel has left', () => {
      const beyond = { ...facts, reason: 'eta-beyond-promise' };
      expect(render('delay-predicted', beyond, 'en').text).toContain('Your order is delayed because of delivery taking longer than we planned.');
      expect(render('delay-predicted', beyond, 'ru').text).toContain('Причина задержки: доставка занимает больше времени, чем планировалось.');
    });
  });

  describe('given a parcel at a pickup point with a deadline of 30 Nov 15:00Z', () => {
    const facts = { pickupPoint: { address: 'Tverskaya 1', storageDeadline: '2026-11-30T15:00:00.000Z' } };

    it('then the deadline is shown in the customer zone: 18:00 in Moscow', () => {
      expect(render('at-pickup-point', facts, 'ru').text).toBe(
        ['Заказ A-17 ждёт вас в пункте выдачи', 'Адрес пункта выдачи: Tverskaya 1.', 'Заберите заказ до 30 ноября в 18:00.'].join('\n'),
      );
    });
    it('then in New York the same deadline is 10:00 AM', () => {
      expect(render('at-pickup-point', facts, 'en', 'America/New_York').text).toContain('Please pick it up by November 30 at 10:00 AM.');
    });
    it('then the reminder repeats deadline and address', () => {
      expect(render('storage-deadline-approaching', facts, 'en').text).toContain(
        'Your order will be kept until November 30 at 6:00 PM, then returned to the sender.',
      );
      expect(render('storage-deadline-approaching', facts, 'ru').title).toBe('Напоминание: заберите заказ A-17');
    });
  });

  it('given an ETA revision, then both dates are named', () => {
    const facts = { previousExpected: '2026-11-25', newExpected: '2026-11-27' };
    expect(render('eta-changed', facts, 'en').text).toContain('changed from Wednesday, November 25 to Friday, November 27.');
    expect(render('eta-changed', facts, 'ru').text).toContain('было 25 ноября, теперь 27 ноября.');
  });

  it('given an ETA revision after the old day has passed, then only the new day is named (a past day tells nothing)', () => {
    const facts = { previousExpected: '2016-11-25', newExpected: '2017-01-05' };
    const sentAt = '2017-01-05T14:00:00.000Z';
    expect(render('eta-changed', facts, 'en', 'America/Sao_Paulo', sentAt).text).toBe(
      'New delivery date for order A-17\nThe expected delivery date has changed to Thursday, January 5.',
    );
    expect(render('eta-changed', facts, 'ru', 'America/Sao_Paulo', sentAt).text).not.toContain('2016');
  });

  it('given a broken promise, then Russian says "до <date>" in the genitive', () => {
    expect(render('promise-broken', { promisedBy: '2026-11-30' }, 'ru').text).toContain('Мы обещали доставить заказ до 30 ноября, но не успели.');
  });

  it('given a broken promise with the day now expected, then both languages name it; without one, they say it is not known yet', () => {
    const dated = { promisedBy: '2026-11-20', newExpected: '2026-12-02' };
    expect(render('promise-broken', dated, 'en').text).toContain('We now expect to deliver it on Wednesday, December 2.');
    expect(render('promise-broken', dated, 'ru').text).toContain('Новая ожидаемая дата доставки: 2 декабря.');
    expect(render('promise-broken', { promisedBy: '2026-11-20' }, 'en').text).toContain(
      'We do not have a new delivery date yet; we will tell you as soon as we do.',
    );
    expect(render('promise-broken', { promisedBy: '2026-11-20' }, 'ru').text).toContain('Новой даты доставки пока нет');
  });

  it('given markup in partner text, then the html escapes it and the text keeps it verbatim', () => {
    const facts = { reason: '<script>alert("x")</script> & co' };
    const message = render('delivery-attempt-failed', facts, 'en');
    expect(message.html).toContain('<p>Courier&#39;s note: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
    expect(message.html).not.toContain('<script>');
    expect(message.text).toContain('Courier\'s note: <script>alert("x")</script> & co');
  });

  it.each(NOTIFICATION_KINDS.flatMap((kind) => (['en', 'ru'] as const).map((language) => [kind, language] as const)))(
    'given %s in %s with every fact, then title, text and html are non-empty and name the order',
    (kind, language) => {
      const facts = {
        orderId: 'A-17',
        reason: 'carrier',
        newExpected: '2026-12-02',
        previousExpected: '2026-11-30',
        promisedBy: '2026-11-30',
        pickupPoint: { address: 'X', storageDeadline: '2026-11-30T15:00:00.000Z' },
      };
      const digest =
        kind === 'digest'
          ? [
              { orderId: 'A-17', kind: 'shipped' as const, facts },
              { orderId: 'B-2', kind: 'eta-changed' as const, facts: { ...facts, orderId: 'B-2' } },
            ]
          : undefined;
      const m = renderNotification(kind, { ...facts, digest }, moscow(language));
      expect(kind === 'digest' ? m.text : m.title).toContain('A-17');
      expect(m.text.split('\n').length).toBeGreaterThan(1);
      expect(m.html).toContain(`<html lang="${language}">`);
      // Russian messages are in Cyrillic, English ones are not.
      expect(/[а-яё]/i.test(m.text)).toBe(language === 'ru');
    },
  );

  it('escapes all five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('dates a customer can act on', () => {
  it('given a date in the year of the send, then no year; given one in another year (in the customer zone), then its year', () => {
    expect(render('delay-predicted', { newExpected: '2026-12-30' }, 'en', 'UTC', '2026-12-20T10:00:00.000Z').text).toContain('on Wednesday, December 30.');
    expect(render('delay-predicted', { newExpected: '2027-01-05' }, 'en', 'UTC', '2026-12-20T10:00:00.000Z').text).toContain('on Tuesday, January 5, 2027.');
    expect(render('delay-predicted', { newExpected: '2027-01-05' }, 'ru', 'UTC', '2026-12-20T10:00:00.000Z').text).toContain('5 января 2027');
    // 31 Dec 22:00 UTC is already 1 January in Moscow: 2027 is the current year there.
    expect(render('delay-predicted', { newExpected: '2027-01-05' }, 'en', 'Europe/Moscow', '2026-12-31T22:00:00.000Z').text).toContain(
      'on Tuesday, January 5.',
    );
  });

  it.each([
    ['lost', 'en', 'Please contact our support team'],
    ['address-problem', 'en', 'Please confirm your delivery address'],
    ['lost', 'ru', 'свяжитесь с нашей службой поддержки'],
    ['address-problem', 'ru', 'подтвердите адрес доставки'],
  ] as const)('given a partner delay for %s in %s, then the message names the reason, the new date and what to do', (reason, language, advice) => {
    const { text } = render('delay-predicted', { reason, newExpected: '2026-12-02', promisedBy: '2026-11-30' }, language);
    expect(text).toContain(advice);
    expect(text).toContain(language === 'en' ? 'December 2' : '2 декабря');
  });

  it('given weather, then no advice: there is nothing the customer can do', () => {
    expect(render('delay-predicted', { reason: 'weather', newExpected: '2026-12-02' }, 'en').text.split('\n')).toHaveLength(4);
  });

  it('given a digest of two orders, then one line per order with its date', () => {
    const digest = [
      { orderId: 'A-17', kind: 'shipped' as const, facts: { orderId: 'A-17', promisedBy: '2026-11-30' } },
      { orderId: 'B-2', kind: 'eta-changed' as const, facts: { orderId: 'B-2', previousExpected: '2026-11-25', newExpected: '2026-11-27' } },
    ];
    expect(render('digest', { digest }, 'en').text).toBe(
      ['Updates on 2 of your orders', 'Your order A-17 is on its way: Monday, November 30', 'New delivery date for order B-2: Friday, November 27'].join('\n'),
    );
  });

  describe('given the order page links', () => {
    const links = { page: 'https://t.example/t/abc.def', short: 'https://t.example/s/abc.def' };
    const facts = { orderId: 'A-17', reason: 'weather', newExpected: '2026-12-02' };
    const on = (channel: 'sms' | 'email' | 'push', language: Language = 'en', kind: NotificationKind = 'delay-predicted') =>
      renderNotification(kind, facts, { ...moscow(language), channel, links });

    it('then an SMS ends with the short link, in the language', () => {
      expect(on('sms').text.split('\n').at(-1)).toBe('What you can do: https://t.example/s/abc.def');
      expect(on('sms', 'ru').text.split('\n').at(-1)).toBe('Что можно сделать: https://t.example/s/abc.def');
    });

    it('then an email carries one button per delay action and one to the page, escaped', () => {
      const { html, text } = on('email');
      expect(html).toContain('href="https://t.example/t/abc.def?action=accept-new-date"');
      expect(html).toContain('>Choose another day</a>');
      expect(html).toContain('>Pick up at a pickup point</a>');
      expect(html).toContain('>Open the order page</a>');
      expect(on('email', 'ru').html).toContain('>Согласиться с новой датой</a>');
      expect(text).toContain('https://t.example/t/abc.def');
    });

    it('then "accept the new date" is a button only where the message names a new date', () => {
      const broken = renderNotification('promise-broken', { orderId: 'A-17', promisedBy: '2026-11-30' }, { ...moscow('en'), channel: 'email', links });
      expect(broken.html).not.toContain('?action=accept-new-date');
      expect(broken.html).toContain('>Choose another day</a>');
      const undated = renderNotification('delay-predicted', { orderId: 'A-17', reason: 'weather' }, { ...moscow('en'), channel: 'email', links });
      expect(undated.html).not.toContain('?action=accept-new-date');
    });

    it('then a push keeps its text and hands the page link to the app', () => {
      expect(on('push').text).toBe(renderNotification('delay-predicted', facts, moscow('en')).text);
      expect(on('push').link).toBe(links.page);
    });

    it('then only delay messages offer them', () => {
      expect(on('sms', 'en', 'promise-broken').text).toContain(links.short);
      expect(on('sms', 'en', 'shipped').text).not.toContain('https://');
      expect(on('email', 'en', 'delivered').html).not.toContain('href');
      expect(on('push', 'en', 'shipped').link).toBeUndefined();
    });
  });
});
