import type { AftercarePhrasebook } from './aftercare.wording';
import { when } from './notification-wording';

export const RU_AFTERCARE: AftercarePhrasebook = {
  messages: {
    'compensation-granted': (w) => ({
      title: `Компенсация за задержку заказа ${w.orderId}`,
      paragraphs: [
        'Приносим извинения за задержку заказа.',
        ...when(w.voucher, (v) => `В качестве компенсации мы начислили вам купон на ${v}; он действует на следующий заказ.`),
      ],
    }),
    'storage-last-day': (w) => ({
      title: `Последний день, чтобы забрать заказ ${w.orderId}`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Сегодня последний день: заказ хранится до ${d}, после чего вернётся отправителю.`),
        ...when(w.address, (a) => `Адрес пункта выдачи: ${a}.`),
      ],
    }),
    'storage-extended': (w) => ({
      title: `Срок хранения заказа ${w.orderId} продлён`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Заказ будет ждать вас в пункте выдачи до ${d}.`),
        ...when(w.address, (a) => `Адрес пункта выдачи: ${a}.`),
      ],
    }),
    'storage-expired': (w) => ({
      title: `Заказ ${w.orderId} возвращается отправителю`,
      paragraphs: ['Заказ не забрали до окончания срока хранения, поэтому он возвращается отправителю.', 'Мы начали возврат денег.'],
    }),
    'return-approved': (w) => ({
      title: `Возврат заказа ${w.orderId} одобрен`,
      paragraphs: ['Мы получили вашу заявку на возврат и одобрили её.', 'Передайте посылку выбранным способом: в пункте выдачи или курьеру.'],
    }),
    'return-rejected': (w) => ({
      title: `Мы не можем принять возврат заказа ${w.orderId}`,
      paragraphs: ['Мы получили вашу заявку на возврат, но не можем её принять.', ...when(w.refusal, (r) => `${r}.`)],
    }),
    'return-handed-over': (w) => ({
      title: `Возврат заказа ${w.orderId}: посылка передана`,
      paragraphs: ['Спасибо! Возврат уже едет на наш склад.'],
    }),
    'return-received': (w) => ({
      title: `Возврат заказа ${w.orderId} получен`,
      paragraphs: ['Возврат поступил на наш склад. Следующий шаг: возврат денег.'],
    }),
    'refund-issued': (w) => ({
      title: `Возврат денег за заказ ${w.orderId}`,
      paragraphs: [...when(w.refund, (r) => `Мы вернули ${r}.`), 'Деньги могут поступить в течение нескольких дней.'],
    }),
  },
  refusals: {
    'window-closed': 'Срок возврата для этого заказа истёк',
    'category-not-returnable': 'Товары этой категории возврату не подлежат',
  },
  refundMethods: { 'original-payment': 'на исходный способ оплаты', voucher: 'купоном', 'bank-transfer': 'банковским переводом' },
};
