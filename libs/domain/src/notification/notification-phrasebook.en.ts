import { EN_AFTERCARE } from './notification-phrasebook.aftercare.en';
import { when, type Phrasebook } from './notification-wording';

export const EN: Phrasebook = {
  locale: 'en',
  messages: {
    ...EN_AFTERCARE.messages,
    shipped: (w) => ({
      title: `Your order ${w.orderId} is on its way`,
      paragraphs: [
        `We have handed order ${w.orderId} to the carrier.`,
        ...(w.newExpected ? [`We expect to deliver it on ${w.newExpected}.`] : when(w.promisedBy, (d) => `It should arrive by ${d}.`)),
      ],
    }),
    'out-for-delivery': (w) => ({
      title: `Your order ${w.orderId} is out for delivery`,
      paragraphs: ['The courier is bringing your order today. Please make sure someone can receive it.'],
    }),
    'delivery-attempt-failed': (w) => ({
      title: `We could not deliver order ${w.orderId}`,
      paragraphs: [
        'The courier tried to deliver your order but could not hand it over.',
        ...when(w.note, (n) => `Courier's note: ${n}`),
        'We will try again; you can also contact us to choose another time.',
      ],
    }),
    'at-pickup-point': (w) => ({
      title: `Your order ${w.orderId} is ready for pickup`,
      paragraphs: [...when(w.address, (a) => `Your order is waiting for you at ${a}.`), ...when(w.storageDeadline, (d) => `Please pick it up by ${d}.`)],
    }),
    'storage-deadline-approaching': (w) => ({
      title: `Reminder: pick up order ${w.orderId}`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Your order will be kept until ${d}, then returned to the sender.`),
        ...when(w.address, (a) => `Pickup point: ${a}.`),
      ],
    }),
    delivered: (w) => ({
      title: `Your order ${w.orderId} has been delivered`,
      paragraphs: ['Thank you for your order. We hope you enjoy it!'],
    }),
    canceled: (w) => ({
      title: `Your order ${w.orderId} has been canceled`,
      paragraphs: ['Your order has been canceled. If you paid for it, the money will be refunded.'],
    }),
    returned: (w) => ({
      title: `Your order ${w.orderId} is going back to the sender`,
      paragraphs: ['The carrier is returning your order to the sender. We will contact you about a refund or a new delivery.'],
    }),
    'delay-predicted': (w) => ({
      title: `We are sorry: order ${w.orderId} will be late`,
      paragraphs: [
        ...when(w.reason, (r) => `Your order is delayed because of ${r}.`),
        ...when(w.newExpected, (d) => `We now expect to deliver it on ${d}.`),
        ...when(w.advice, (a) => a),
        'We apologise for the inconvenience.',
      ],
    }),
    'promise-broken': (w) => ({
      title: `Order ${w.orderId} is late`,
      paragraphs: [
        ...when(w.promisedBy, (d) => `We promised to deliver your order by ${d} and did not keep that promise.`),
        'We are sorry. We are doing everything we can to get it to you as soon as possible.',
      ],
    }),
    'delay-cleared': (w) => ({
      title: `Good news: order ${w.orderId} is back on track`,
      paragraphs: ['The delay is over.', ...when(w.newExpected, (d) => `We expect to deliver your order on ${d}.`)],
    }),
    'eta-changed': (w) => ({
      title: `New delivery date for order ${w.orderId}`,
      paragraphs: [
        w.previousExpected && w.newExpected
          ? `The expected delivery date has changed from ${w.previousExpected} to ${w.newExpected}.`
          : `The expected delivery date has changed${w.newExpected ? ` to ${w.newExpected}` : ''}.`,
      ],
    }),
    digest: (w) => ({
      title: (w.lines?.length ?? 0) > 1 ? `Updates on ${w.lines!.length} of your orders` : 'An update on your order',
      paragraphs: w.lines ?? [],
    }),
  },
  delayReasons: {
    weather: 'bad weather',
    carrier: 'a problem at the carrier',
    warehouse: 'a problem at our warehouse',
    'address-problem': 'a problem with the delivery address',
    lost: 'the parcel going missing in transit; we are searching for it',
    'eta-beyond-promise': 'the parcel moving more slowly than planned',
    'no-scan-expected-by-now': 'the parcel not being scanned when expected',
    other: 'unforeseen circumstances',
  },
  delayAdvice: {
    lost: 'Please contact our support team: we will help you choose a replacement or a refund.',
    'address-problem': 'Please confirm your delivery address with our support team so the courier can deliver it.',
  },
};
