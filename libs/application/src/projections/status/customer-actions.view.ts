import type { ActionState, CustomerActionEvent, CustomerActionType, Instant, OfferedPickupPoint } from '@ot/domain';
import type { StatusView, TimelineEntry } from './status.view';

/** One customer action as GET /orders/:id shows it, with the partner's answer once it came. */
export type ActionView = {
  actionId: string;
  type: CustomerActionType;
  state: ActionState;
  requestedAt: Instant;
  partner?: string;
  day?: string;
  newDate?: string;
  pickupPoint?: OfferedPickupPoint;
  answeredAt?: Instant;
  reason?: string;
};

const byTime = (a: TimelineEntry, b: TimelineEntry) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt);

/** The status document's part of customer actions: the list of actions, and a timeline line for each request and answer. */
export function evolveActionsView(doc: StatusView, event: CustomerActionEvent): StatusView {
  const actions = doc.actions ?? [];
  if (event.type === 'CustomerActionRequested') {
    const { actionId, requestedAt, partner, action } = event.data;
    const { type, ...choice } = action;
    const view: ActionView = { actionId, type, state: partner ? 'requested' : 'confirmed', requestedAt, ...(partner && { partner }), ...choice };
    const entry: TimelineEntry = { type: event.type, occurredAt: requestedAt, late: false, actionId, action: type, state: view.state };
    return { ...doc, actions: [...actions, view], timeline: [...doc.timeline, entry].sort(byTime) };
  }
  const { actionId, answer, occurredAt, partner, reason } = event.data;
  const asked = actions.find((a) => a.actionId === actionId);
  const answered = actions.map((a) => (a.actionId === actionId ? { ...a, state: answer, answeredAt: occurredAt, ...(reason && { reason }) } : a));
  const entry: TimelineEntry = {
    type: event.type,
    occurredAt,
    partner,
    late: false,
    actionId,
    state: answer,
    ...(asked && { action: asked.type }),
    ...(reason && { reason }),
  };
  return { ...doc, actions: answered, timeline: [...doc.timeline, entry].sort(byTime) };
}
