import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type EventStore, handleCommand, readOrder } from '@ot/application';
import { type ActionState, actionsOf, type CustomerActionType, PARTNER_OF_ACTION } from '@ot/domain';
import { EVENT_STORE } from '../app.tokens';
import { RequestCustomerActionCommand } from './request-customer-action.command';

export type ActionReceipt = { actionId: string; type: CustomerActionType; state: ActionState; outcome: 'appended' | 'unchanged' };

/** Read, fold, decide, append; a retry of a request id is answered with the action recorded first, as it stands now. */
@CommandHandler(RequestCustomerActionCommand)
export class RequestCustomerActionHandler implements ICommandHandler<RequestCustomerActionCommand, ActionReceipt> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, httpRequestId }: RequestCustomerActionCommand): Promise<ActionReceipt> {
    const { orderId, actionId, choice, requestedAt } = command.data;
    const metadata = { receivedAt: requestedAt, ...(httpRequestId ? { requestId: httpRequestId } : {}) };
    const { outcome } = await handleCommand(this.store, orderId, command, { metadata });
    if (outcome === 'appended') return { actionId, type: choice.type, state: PARTNER_OF_ACTION[choice.type] ? 'requested' : 'confirmed', outcome };
    const order = await readOrder(this.store, orderId);
    const recorded = order.exists ? actionsOf(order).get(actionId) : undefined;
    return { actionId, type: choice.type, state: recorded?.state ?? 'requested', outcome: 'unchanged' };
  }
}
