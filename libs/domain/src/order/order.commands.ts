import type { Cmd } from '../shared/event';
import type { AftercareCommand } from './aftercare';
import type { RequestCustomerAction } from './customer-action.commands';
import type { DelayCleared, DelayPredicted, EtaRevised, PartnerEvent, PromiseBroken } from './order.events';

/** A partner told us something; the normaliser already turned it into the event it would be. */
export type RecordPartnerEvent = Cmd<'RecordPartnerEvent', { event: PartnerEvent }>;
export type PredictDelay = Cmd<'PredictDelay', DelayPredicted['data']>;
export type ClearDelay = Cmd<'ClearDelay', DelayCleared['data']>;
export type BreakPromise = Cmd<'BreakPromise', PromiseBroken['data']>;
export type ReviseEta = Cmd<'ReviseEta', EtaRevised['data']>;

export type OrderCommand = RecordPartnerEvent | PredictDelay | ClearDelay | BreakPromise | ReviseEta | RequestCustomerAction | AftercareCommand;
