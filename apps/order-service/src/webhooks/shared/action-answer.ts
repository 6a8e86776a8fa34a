import type { ActionAnswer, CustomerActionAnswered, PartnerFacts } from '@ot/domain';

/** A partner's answer to a customer action we sent it (its actionId), the same event whichever partner says it. */
export const actionAnswered = (facts: PartnerFacts, answer: ActionAnswer, p: { actionId?: string; reason?: string }): CustomerActionAnswered => ({
  type: 'CustomerActionAnswered',
  data: { ...facts, actionId: p.actionId!, answer, ...(p.reason && { reason: p.reason }) }, // actionId: required for these kinds by the payload
});
