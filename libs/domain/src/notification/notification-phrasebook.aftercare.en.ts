import type { AftercarePhrasebook } from './aftercare.wording';
import { when } from './notification-wording';

export const EN_AFTERCARE: AftercarePhrasebook = {
  messages: {
    'compensation-granted': (w) => ({
      title: `A voucher for the delay of order ${w.orderId}`,
      paragraphs: [
        'We are sorry that your order is late.',
        ...when(w.voucher, (v) => `As an apology, we have added a voucher for ${v} to your account; it applies to your next order.`),
      ],
    }),
    'storage-last-day': (w) => ({
      title: `Last day to pick up order ${w.orderId}`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Today is the last day: your order is kept until ${d}, then it goes back to the sender.`),
        ...when(w.address, (a) => `Pickup point: ${a}.`),
      ],
    }),
    'storage-extended': (w) => ({
      title: `We will keep order ${w.orderId} longer`,
      paragraphs: [
        ...when(w.storageDeadline, (d) => `Your order is now kept at the pickup point until ${d}.`),
        ...when(w.address, (a) => `Pickup point: ${a}.`),
      ],
    }),
    'storage-expired': (w) => ({
      title: `Order ${w.orderId} is going back to the sender`,
      paragraphs: ['Your order was not picked up before its storage deadline, so it is being returned to the sender.', 'We have started your refund.'],
    }),
    'return-approved': (w) => ({
      title: `Your return of order ${w.orderId} is approved`,
      paragraphs: ['We have received your return request and approved it.', 'Please hand the parcel over as you chose: at the pickup point or to the courier.'],
    }),
    'return-rejected': (w) => ({
      title: `We cannot accept the return of order ${w.orderId}`,
      paragraphs: ['We have received your return request but cannot accept it.', ...when(w.refusal, (r) => `${r}.`)],
    }),
    'return-handed-over': (w) => ({
      title: `Return of order ${w.orderId}: parcel handed over`,
      paragraphs: ['Thank you: your return is on its way to our warehouse.'],
    }),
    'return-received': (w) => ({
      title: `Return of order ${w.orderId} received`,
      paragraphs: ['Your return has arrived at our warehouse. Your refund comes next.'],
    }),
    'refund-issued': (w) => ({
      title: `Refund for order ${w.orderId}`,
      paragraphs: [...when(w.refund, (r) => `We have refunded ${r}.`), 'It may take a few days to appear.'],
    }),
  },
  refusals: {
    'window-closed': 'The return period for this order has ended',
    'category-not-returnable': 'Items of this category cannot be returned',
  },
  refundMethods: { 'original-payment': 'to your original payment method', voucher: 'as a voucher', 'bank-transfer': 'by bank transfer' },
};
