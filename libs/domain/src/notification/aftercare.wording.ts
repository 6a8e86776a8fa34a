import type { AftercareKind } from './aftercare.kinds';
import type { MessageDraft, Wording } from './notification-wording';
import type { NotificationFacts } from './notification.types';

/** One language's aftercare sentences, the words for each return refusal and each refund method. */
export type AftercarePhrasebook = Readonly<{
  messages: Readonly<Record<AftercareKind, (w: Wording) => MessageDraft>>;
  refusals: Readonly<Record<string, string>>;
  refundMethods: Readonly<Record<string, string>>;
}>;

/** Money in the customer's locale ("R$ 25,00", "25,00 R$"), a share as a percentage ("10%", "10 %"). */
export function aftercareWording(facts: NotificationFacts, locale: string, book: AftercarePhrasebook): Pick<Wording, 'voucher' | 'refund' | 'refusal'> {
  const money = (amount: number, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  const v = facts.voucher;
  const voucher = !v
    ? undefined
    : v.kind === 'percent'
      ? new Intl.NumberFormat(locale, { style: 'percent' }).format(v.percent / 100)
      : money(v.amount, v.currency);
  const r = facts.refund;
  const refund = r ? `${money(r.amount, r.currency)} ${book.refundMethods[r.method] ?? ''}`.trim() : undefined;
  const refusal = facts.reason ? book.refusals[facts.reason] : undefined;
  return { voucher, refund, refusal };
}
