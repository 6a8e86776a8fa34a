import { type CompensationGranted, decideCompensation, type GrantCompensation } from './compensation.decider';
import type { ExistingOrder } from './order.state';
import { decideReturn, evolveReturn, type ReturnCommand, type ReturnEvent, type ReturnState, STAGE_OF } from './return.decider';
import { decideStorage, type StorageCommand, type StorageEvent, type StorageExtended } from './storage.decider';

/** What happens after a late or finished delivery: compensation, returns, pickup-point storage. */
export type AftercareEvent = CompensationGranted | ReturnEvent | StorageEvent;
export type AftercareCommand = GrantCompensation | ReturnCommand | StorageCommand;

export type AftercareState = Readonly<{
  compensation?: CompensationGranted['data'];
  return?: ReturnState;
  storage?: StorageExtended['data'];
}>;

const STORAGE_EVENTS = new Set(['StorageExtended', 'StorageExpired', 'RefundStarted']);
const AFTERCARE_EVENTS: ReadonlySet<string> = new Set(['CompensationGranted', ...STORAGE_EVENTS, ...Object.keys(STAGE_OF)]);
const AFTERCARE_COMMANDS: ReadonlySet<string> = new Set(['GrantCompensation', 'RequestReturn', 'RecordReturnStage', 'ExtendStorage', 'ExpireStorage']);

export const isAftercareEvent = (e: { type: string }): e is AftercareEvent => AFTERCARE_EVENTS.has(e.type);
export const isAftercareCommand = (c: { type: string }): c is AftercareCommand => AFTERCARE_COMMANDS.has(c.type);

export function decideAftercare(command: AftercareCommand, order: ExistingOrder): AftercareEvent[] {
  if (command.type === 'GrantCompensation') return decideCompensation(command, order);
  if (command.type === 'ExtendStorage' || command.type === 'ExpireStorage') return decideStorage(command, order);
  return decideReturn(command, order);
}

export function evolveAftercare(order: ExistingOrder, event: AftercareEvent): ExistingOrder {
  const aftercare = order.aftercare ?? {};
  switch (event.type) {
    case 'CompensationGranted':
      return { ...order, aftercare: { ...aftercare, compensation: event.data } };
    case 'StorageExtended':
      return { ...order, aftercare: { ...aftercare, storage: event.data } };
    case 'StorageExpired':
      return { ...order, status: 'ReturnedToSender', statusAt: event.data.occurredAt };
    case 'RefundStarted':
      return order;
    default:
      return { ...order, aftercare: { ...aftercare, return: evolveReturn(event, aftercare.return) } };
  }
}
