import type { Cmd, Ev, Instant } from '../shared/event';
import type { Voucher } from './compensation.policy';
import type { ExistingOrder } from './order.state';
import { refused } from './refusal';

/** Granted by the policy (a broken promise reached a tier) or by an operator, who says who and why. */
export type CompensationGranted = Ev<
  'CompensationGranted',
  { orderId: string; voucher: Voucher; daysLate: number; source: 'policy' | 'ops'; grantedBy: string; reason: string; occurredAt: Instant }
>;
export type GrantCompensation = Cmd<'GrantCompensation', CompensationGranted['data']>;

/**
 * At most one voucher per order: the policy's repeat (every tick while late, or two processes at
 * once) is a no-op; an operator's second grant is refused, so they see someone already did it.
 */
export function decideCompensation(command: GrantCompensation, order: ExistingOrder): CompensationGranted[] {
  const granted = order.aftercare?.compensation;
  if (granted && command.data.source === 'policy') return [];
  if (granted) {
    throw refused(order.orderId, `already compensated (${granted.source}, ${granted.occurredAt})`);
  }
  return [{ type: 'CompensationGranted', data: command.data }];
}
