import type { CalendarDate } from '@ot/domain';
import type { BoardRow, DelayState } from './delay-board.row';

type DelayFacts = Pick<BoardRow, 'stage' | 'promisedBy' | 'expected' | 'delayActive' | 'partnerReportedDelay' | 'promiseBroken'> & {
  deliveredDay?: CalendarDate;
};

/**
 * The board's one delay-state rule, from facts in the log only (no clock), so a rebuild gives the
 * same answer. To be replaced by the domain's delay-state function once libs/domain/src/delay has it.
 */
export function boardDelayState(f: DelayFacts): DelayState {
  if (f.stage === 'delivered') return f.deliveredDay && f.deliveredDay > f.promisedBy ? 'delivered-late' : 'on-track';
  if (f.stage === 'canceled' || f.stage === 'returned') return 'on-track';
  if (f.promiseBroken) return 'promise-broken';
  if (f.delayActive && f.expected !== undefined && f.expected > f.promisedBy) return 'late';
  if (f.delayActive || f.partnerReportedDelay) return 'at-risk';
  return 'on-track';
}
