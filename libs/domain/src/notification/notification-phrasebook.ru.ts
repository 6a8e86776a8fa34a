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
        w.newExpected ? `Новая ожидаемая дата доставки: ${w.newExpected}.` : 'Новой даты доставки пока нет; мы сообщим её, как только она появится.',
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
  summary: {
    where: {
      Placed: (w) => `Заказ ${w.orderId} оформлен и ждёт подтверждения оплаты.`,
      PaymentApproved: (w) => `Заказ ${w.orderId} оплачен, его собирают на нашем складе.`,
      Packed: (w) => `Заказ ${w.orderId} упакован и ждёт передачи в службу доставки.`,
      HandedToCarrier: (w) => `Заказ ${w.orderId} передан в службу доставки${w.place ? ` (${w.place})` : ''}.`,
      InTransit: (w) => `Заказ ${w.orderId} в пути${w.place ? `, последняя отметка: ${w.place}` : ''}.`,
      OutForDelivery: (w) => `Заказ ${w.orderId} у курьера, доставка сегодня.`,
      DeliveryAttemptFailed: (w) => `Курьер не смог доставить заказ ${w.orderId}${w.note ? ` (комментарий курьера: ${w.note})` : ''} и попробует ещё раз.`,
      ArrivedAtPickupPoint: (w) => `Заказ ${w.orderId} ждёт вас в пункте выдачи${w.address ? ` по адресу ${w.address}` : ''}.`,
      PickedUp: (w) => `Заказ ${w.orderId} получен${w.day ? ` ${w.day}` : ''}.`,
      Delivered: (w) => `Заказ ${w.orderId} доставлен${w.day ? ` ${w.day}` : ''}.`,
      ReturnedToSender: (w) => `Заказ ${w.orderId} возвращается отправителю; мы свяжемся с вами насчёт возврата денег или повторной доставки.`,
      Canceled: (w) => `Заказ ${w.orderId} отменён; если вы его оплатили, деньги вернутся на вашу карту.`,
    },
    window: (d) => (d.oneDay ? `Ожидаемая дата доставки: ${d.earliest}.` : `Ожидаемые сроки доставки: ${d.range}.`),
    promised: (day) => `Мы обещали доставить его до ${day}.`,
    delayed: (reason) => `Причина задержки: ${reason}.`,
    late: (promisedBy, howLate) => `Мы обещали доставить его до ${promisedBy}; сейчас он опаздывает на ${howLate}.`,
    canDo: (alternatives) => `На странице заказа вы можете ${alternatives}.`,
    pickUpBy: (deadline) => `Заберите его до ${deadline}.`,
  },
  actions: {
    'accept-new-date': {
      button: 'Согласиться с новой датой',
      phrase: 'согласиться с новой датой',
      confirm: 'Согласиться с новой датой доставки?',
      done: 'Готово: вы согласились с новой датой.',
    },
    'reschedule-delivery': {
      button: 'Выбрать другой день',
      phrase: 'выбрать другой день доставки',
      confirm: 'Доставить заказ в этот день?',
      done: 'Готово: мы передали курьеру новый день.',
    },
    'switch-to-pickup-point': {
      button: 'Забрать в пункте выдачи',
      phrase: 'забрать заказ в пункте выдачи',
      confirm: 'Отправить заказ в этот пункт выдачи?',
      done: 'Готово: мы попросили отправить заказ в пункт выдачи.',
    },
    cancel: {
      button: 'Отменить и вернуть деньги',
      phrase: 'отменить заказ и вернуть деньги',
      confirm: 'Отменить заказ и вернуть деньги?',
      done: 'Готово: мы передали просьбу отменить заказ.',
    },
  },
  milestones: {
    Placed: 'Заказ оформлен',
    PaymentApproved: 'Оплата подтверждена',
    Packed: 'Упакован',
    HandedToCarrier: 'Передан в доставку',
    InTransit: 'В пути',
    OutForDelivery: 'У курьера',
    DeliveryAttemptFailed: 'Не удалось доставить',
    ArrivedAtPickupPoint: 'В пункте выдачи',
    PickedUp: 'Получен',
    Delivered: 'Доставлен',
    ReturnedToSender: 'Возвращён отправителю',
    Canceled: 'Отменён',
  },
  days: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
  link: {
    sms: (url) => `Что можно сделать: ${url}`,
    email: (url) => `Заказ и что можно сделать: ${url}`,
    open: 'Открыть страницу заказа',
  },
  page: {
    title: 'Ваш заказ',
    expected: 'Ожидаемая доставка',
    reason: 'Почему задержка',
    timeline: 'История',
    actions: 'Что можно сделать',
    noActions: 'Сейчас ничего делать не нужно.',
    yes: 'Да, подтверждаю',
    no: 'Нет, назад',
    chooseDay: 'День',
    choosePoint: 'Пункт выдачи',
    failed: 'Не получилось',
    linkExpired: 'Ссылка устарела или неверна. Откройте ссылку из последнего сообщения.',
    late: 'получено с опозданием',
    delayReported: 'Сообщено о задержке',
    requested: 'запрошено, ждём ответа',
    confirmed: 'подтверждено',
    refused: 'отклонено',
  },
  delayReasons: {
    weather: 'плохая погода',
    carrier: 'сбой в работе службы доставки',
    warehouse: 'задержка на нашем складе',
    'address-problem': 'проблема с адресом доставки',
    lost: 'посылка потерялась в пути, мы её ищем',
    'eta-beyond-promise': 'доставка занимает больше времени, чем планировалось',
    'no-scan-expected-by-now': 'посылка вовремя не отметилась на сортировке',
    other: 'непредвиденные обстоятельства',
  },
  delayAdvice: {
    lost: 'Пожалуйста, свяжитесь с нашей службой поддержки: мы поможем заменить заказ или вернуть деньги.',
    'address-problem': 'Пожалуйста, подтвердите адрес доставки в службе поддержки, чтобы курьер смог доставить заказ.',
  },
};
