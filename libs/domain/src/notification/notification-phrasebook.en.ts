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
        w.newExpected ? `We now expect to deliver it on ${w.newExpected}.` : 'We do not have a new delivery date yet; we will tell you as soon as we do.',
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
  summary: {
    where: {
      Placed: (w) => `Order ${w.orderId} has been placed and is waiting for payment confirmation.`,
      PaymentApproved: (w) => `Order ${w.orderId} is paid and being prepared at our warehouse.`,
      Packed: (w) => `Order ${w.orderId} is packed and waiting for the carrier.`,
      HandedToCarrier: (w) => `Order ${w.orderId} is with the carrier${w.place ? ` in ${w.place}` : ''}.`,
      InTransit: (w) => `Order ${w.orderId} is on its way${w.place ? `, last seen in ${w.place}` : ''}.`,
      OutForDelivery: (w) => `Order ${w.orderId} is out for delivery today.`,
      DeliveryAttemptFailed: (w) => `The courier could not deliver order ${w.orderId}${w.note ? ` (courier's note: ${w.note})` : ''} and will try again.`,
      ArrivedAtPickupPoint: (w) => `Order ${w.orderId} is waiting for you at the pickup point${w.address ? ` at ${w.address}` : ''}.`,
      PickedUp: (w) => `Order ${w.orderId} was picked up${w.day ? ` on ${w.day}` : ''}.`,
      Delivered: (w) => `Order ${w.orderId} was delivered${w.day ? ` on ${w.day}` : ''}.`,
      ReturnedToSender: (w) => `Order ${w.orderId} is going back to the sender; we will contact you about a refund or a new delivery.`,
      Canceled: (w) => `Order ${w.orderId} has been canceled; if you paid for it, the money will be refunded.`,
    },
    window: (d) => (d.oneDay ? `We expect to deliver it on ${d.earliest}.` : `We expect to deliver it between ${d.earliest} and ${d.latest}.`),
    promised: (day) => `It should arrive by ${day}.`,
    delayed: (reason) => `It is delayed because of ${reason}.`,
    late: (promisedBy, howLate) => `We promised it by ${promisedBy}; it is now ${howLate} late.`,
    canDo: (alternatives) => `You can ${alternatives} on the order page.`,
    pickUpBy: (deadline) => `Please pick it up by ${deadline}.`,
  },
  actions: {
    'accept-new-date': {
      button: 'Accept the new date',
      phrase: 'accept the new date',
      confirm: 'Accept the new delivery date?',
      done: 'Done: you accepted the new date.',
    },
    'reschedule-delivery': {
      button: 'Choose another day',
      phrase: 'choose another delivery day',
      confirm: 'Deliver on this day instead?',
      done: 'Done: we asked the courier for the new day.',
    },
    'switch-to-pickup-point': {
      button: 'Pick up at a pickup point',
      phrase: 'switch to a pickup point',
      confirm: 'Send the order to this pickup point?',
      done: 'Done: we asked to send it to the pickup point.',
    },
    cancel: {
      button: 'Cancel for a refund',
      phrase: 'cancel it for a refund',
      confirm: 'Cancel the order and get a refund?',
      done: 'Done: we asked to cancel the order.',
    },
  },
  milestones: {
    Placed: 'Order placed',
    PaymentApproved: 'Payment approved',
    Packed: 'Packed',
    HandedToCarrier: 'Handed to the carrier',
    InTransit: 'In transit',
    OutForDelivery: 'Out for delivery',
    DeliveryAttemptFailed: 'Delivery attempt failed',
    ArrivedAtPickupPoint: 'At the pickup point',
    PickedUp: 'Picked up',
    Delivered: 'Delivered',
    ReturnedToSender: 'Returned to the sender',
    Canceled: 'Canceled',
  },
  days: { one: 'day', other: 'days' },
  link: {
    sms: (url) => `What you can do: ${url}`,
    email: (url) => `See your order and what you can do: ${url}`,
    open: 'Open the order page',
  },
  page: {
    title: 'Your order',
    expected: 'Expected delivery',
    reason: 'Why it is late',
    timeline: 'History',
    actions: 'What you can do',
    noActions: 'There is nothing to do right now.',
    yes: 'Yes, confirm',
    no: 'No, go back',
    chooseDay: 'Day',
    choosePoint: 'Pickup point',
    failed: 'That did not work',
    linkExpired: 'This link has expired or is not valid. Please use the link from your latest message.',
    late: 'reported late',
    delayReported: 'Delay reported',
    requested: 'asked, waiting for the answer',
    confirmed: 'confirmed',
    refused: 'refused',
  },
  delayReasons: {
    weather: 'bad weather',
    carrier: 'a problem at the carrier',
    warehouse: 'a problem at our warehouse',
    'address-problem': 'a problem with the delivery address',
    lost: 'the parcel going missing in transit; we are searching for it',
    // also told at placement, before any parcel moves: the forecast, not a scan, says it
    'eta-beyond-promise': 'delivery taking longer than we planned',
    'no-scan-expected-by-now': 'the parcel not being scanned when expected',
    other: 'unforeseen circumstances',
  },
  delayAdvice: {
    lost: 'Please contact our support team: we will help you choose a replacement or a refund.',
    'address-problem': 'Please confirm your delivery address with our support team so the courier can deliver it.',
  },
};
