export const RETURN_REASONS = ['damaged', 'wrong-item', 'not-as-described', 'no-longer-needed', 'arrived-too-late', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const RETURN_METHODS = ['pickup-point', 'courier'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];
export const REFUND_METHODS = ['original-payment', 'voucher', 'bank-transfer'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];
/** The customer's own words are bounded so a message or a partner payload can carry them. */
export const RETURN_NOTE_MAX_LENGTH = 500;

/** The return rules ops configure (libs/config validates the file they come from). */
export type ReturnRules = Readonly<{
  /** Days after delivery (or collection) during which a return may be requested. */
  windowDays: number;
  /** Product categories (as the order names them) that cannot be returned, e.g. perishables. */
  nonReturnableCategories: readonly string[];
}>;

export type ReturnRefusal = Readonly<{ rule: 'window-closed' | 'category-not-returnable'; detail: string }>;

/**
 * Why a return requested at `atMs` is refused, or undefined when it is approved. An order without a
 * product category passes the category rule: we cannot say it is non-returnable, so only the window applies.
 */
export function returnRefusal(rules: ReturnRules, deliveredAtMs: number, atMs: number, category: string | undefined): ReturnRefusal | undefined {
  const closesAtMs = deliveredAtMs + rules.windowDays * 86_400_000;
  if (atMs > closesAtMs)
    return { rule: 'window-closed', detail: `returns close ${rules.windowDays} days after delivery (${new Date(closesAtMs).toISOString()})` };
  if (category && rules.nonReturnableCategories.includes(category)) return { rule: 'category-not-returnable', detail: `${category} cannot be returned` };
  return undefined;
}
