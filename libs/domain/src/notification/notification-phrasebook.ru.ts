import { RU_AFTERCARE } from './notification-phrasebook.aftercare.ru';
import { when, type Phrasebook } from './notification-wording';

/** Russian: dates come from Intl in the genitive ("30 ноября"), so they fit after "до" and "на". */
export const RU: Phrasebook = {
  locale: 'ru',
  messages: {
    ...RU_AFTERCARE.messages,
    shipped: (w) => ({
      title: `Заказ ${w.orderId} в пути`,
      paragraphs: [`Мы передали заказ ${w.orderId} в службу доставки.`, ...when(w.newExpected ?? w.promisedBy, (d) => `Ожидаемая дата доставки: ${d}.`)],
    }),
    'out-for-delivery': (w) => ({
      title: `Заказ ${w.orderId} передан курьеру`,
      paragraphs: ['Курьер привезёт ваш заказ сегодня. Пожалуйста, будьте на месте, чтобы его получить.'],
    }),
    'delivery-attempt-failed': (w) => ({
      title: `Не удалось доставить заказ ${w.orderId}`,
      paragraphs: [
        'Курьер пытался доставить заказ, но не смог его вручить.',
        ...when(w.note, (n) => `Комментарий курьера: ${n}`),
        'Мы попробуем ещё раз; вы также можете связаться с нами и выбрать другое время.',
      ],
    }),
    'at-pickup-point': (w) => ({
      title: `Заказ ${w.orderId} ждёт вас в пункте выдачи`,
      paragraphs: [...when(w.address, (a) => `Адрес пункта выдачи: ${a}.`), ...when(w.storageDeadline, (d) => `Заберите заказ до ${d}.`)],
    }),
    'storage-deadline-approaching': (w) => ({
      title: `Напоминание: заберите заказ ${w.orderId}`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Заказ будет храниться до ${d}, после чего вернётся отправителю.`),
        ...when(w.address, (a) => `Адрес пункта выдачи: ${a}.`),
      ],
    }),
    delivered: (w) => ({
      title: `Заказ ${w.orderId} доставлен`,
      paragraphs: ['Спасибо за заказ! Надеемся, покупка вам понравится.'],
    }),
    canceled: (w) => ({
      title: `Заказ ${w.orderId} отменён`,
      paragraphs: ['Ваш заказ отменён. Если вы его оплатили, деньги вернутся на вашу карту.'],
    }),
    returned: (w) => ({
      title: `Заказ ${w.orderId} возвращается отправителю`,
      paragraphs: ['Служба доставки возвращает заказ отправителю. Мы свяжемся с вами насчёт возврата денег или повторной доставки.'],
    }),
    'delay-predicted': (w) => ({
      title: `Приносим извинения: заказ ${w.orderId} задерживается`,
      paragraphs: [
        ...when(w.reason, (r) => `Причина задержки: ${r}.`),
        ...when(w.newExpected, (d) => `Новая ожидаемая дата доставки: ${d}.`),
        ...when(w.advice, (a) => a),
        'Просим прощения за неудобства.',
      ],
    }),
    'promise-broken': (w) => ({
      title: `Заказ ${w.orderId} опаздывает`,
      paragraphs: [
        ...when(w.promisedBy, (d) => `Мы обещали доставить заказ до ${d}, но не успели.`),
        'Приносим извинения. Мы делаем всё, чтобы доставить его как можно скорее.',
      ],
    }),
    'delay-cleared': (w) => ({
      title: `Хорошие новости: заказ ${w.orderId} больше не задерживается`,
      paragraphs: ['Задержка устранена.', ...when(w.newExpected, (d) => `Ожидаемая дата доставки: ${d}.`)],
    }),
    'eta-changed': (w) => ({
      title: `Новая дата доставки заказа ${w.orderId}`,
      paragraphs: [
        w.previousExpected && w.newExpected
          ? `Ожидаемая дата доставки изменилась: было ${w.previousExpected}, теперь ${w.newExpected}.`
          : `Ожидаемая дата доставки изменилась${w.newExpected ? `: ${w.newExpected}` : ''}.`,
      ],
    }),
    digest: (w) => ({
      title: (w.lines?.length ?? 0) > 1 ? `Новости по вашим заказам (${w.lines!.length})` : 'Новости по вашему заказу',
      paragraphs: w.lines ?? [],
    }),
  },
  delayReasons: {
    weather: 'плохая погода',
    carrier: 'сбой в работе службы доставки',
    warehouse: 'задержка на нашем складе',
    'address-problem': 'проблема с адресом доставки',
    lost: 'посылка потерялась в пути, мы её ищем',
    'eta-beyond-promise': 'посылка движется медленнее, чем планировалось',
    'no-scan-expected-by-now': 'посылка вовремя не отметилась на сортировке',
    other: 'непредвиденные обстоятельства',
  },
  delayAdvice: {
    lost: 'Пожалуйста, свяжитесь с нашей службой поддержки: мы поможем заменить заказ или вернуть деньги.',
    'address-problem': 'Пожалуйста, подтвердите адрес доставки в службе поддержки, чтобы курьер смог доставить заказ.',
  },
};
