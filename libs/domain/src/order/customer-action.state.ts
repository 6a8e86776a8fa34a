import type { ActionState, CustomerActionEvent, RequestedAction } from './customer-action.events';
import type { Partner } from './order.events';
import { type ExistingOrder, seenKey } from './order.state';

/** One customer action as the decider remembers it: enough to answer a retry and to judge the next one. */
export type ActionRecord = Readonly<{ actionId: string; requestId: string; action: RequestedAction; partner?: Partner; state: ActionState }>;

/** The order's actions by id, in the order they were requested. */
export const actionsOf = (s: ExistingOrder): ReadonlyMap<string, ActionRecord> => s.actions ?? new Map();

export function evolveCustomerAction(s: ExistingOrder, event: CustomerActionEvent): ExistingOrder {
  const actions = new Map(actionsOf(s));
  if (event.type === 'CustomerActionRequested') {
    const { actionId, requestId, action, partner } = event.data;
    actions.set(actionId, { actionId, requestId, action, partner, state: partner ? 'requested' : 'confirmed' });
    return { ...s, actions };
  }
  const d = event.data;
  const recorded = actions.get(d.actionId);
  if (recorded) actions.set(d.actionId, { ...recorded, state: d.answer });
  return { ...s, actions, seen: new Map(s.seen).set(seenKey(d.partner, d.partnerEventId), event) };
}
