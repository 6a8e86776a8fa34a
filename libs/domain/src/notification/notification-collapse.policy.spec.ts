import { collapse, mergeInto } from './notification-collapse.policy';
import type { NotificationKind, SendNotification } from './notification.types';

const NOW = '2026-11-23T12:00:00.000Z';
const inMinutes = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();
const note = (kind: NotificationKind, id: string, notBefore: string, extra: Partial<SendNotification> = {}): SendNotification => ({
  notificationId: id,
  orderId: 'o1',
  customerId: 'c1',
  kind,
  urgent: false,
  channels: ['push'],
  notBefore,
  facts: { orderId: 'o1', status: kind },
  ...extra,
});

describe('collapsing a burst of status notifications', () => {
  it('given shipped pending, when at-pickup-point comes within the window, then one message with the latest state replaces it', () => {
    const shipped = note('shipped', 'o1:shipped:1', inMinutes(1));
    const atPoint = note('at-pickup-point', 'o1:at-pickup-point:2', inMinutes(2));
    expect(collapse([shipped], atPoint, NOW)).toEqual({ send: atPoint, superseded: ['o1:shipped:1'] });
  });

  it('given several pending, then all are superseded by the newest', () => {
    const pending = [note('shipped', 'a', inMinutes(1)), note('at-pickup-point', 'b', inMinutes(1.5))];
    const delivered = note('delivered', 'c', inMinutes(2));
    expect(collapse(pending, delivered, NOW).superseded).toEqual(['a', 'b']);
  });

  it('given a pending status already due (being sent), then it is left alone', () => {
    const due = note('shipped', 'a', NOW);
    const delivered = note('delivered', 'c', inMinutes(2));
    expect(collapse([due], delivered, NOW)).toEqual({ send: delivered, superseded: [] });
  });

  it('given a pending status of another order, then it is left alone', () => {
    const other = note('shipped', 'a', inMinutes(1), { orderId: 'o2' });
    expect(collapse([other], note('delivered', 'c', inMinutes(2)), NOW).superseded).toEqual([]);
  });

  it('given pending delay news, then status news does not swallow it (and delay news never collapses)', () => {
    const delay = note('delay-predicted', 'd', inMinutes(1));
    expect(collapse([delay], note('delivered', 'c', inMinutes(2)), NOW).superseded).toEqual([]);
    expect(collapse([note('shipped', 'a', inMinutes(1))], note('eta-changed', 'e', inMinutes(1)), NOW).superseded).toEqual([]);
  });

  it('given shipped held for its window, when urgent out-for-delivery comes, then the merged message is urgent and goes now', () => {
    const shipped = note('shipped', 'a', inMinutes(2));
    const out = note('out-for-delivery', 'b', NOW, { urgent: true });
    expect(collapse([shipped], out, NOW)).toEqual({ send: out, superseded: ['a'] });
  });

  it('given a redelivered incoming (same id as a pending one), then it does not supersede itself', () => {
    const shipped = note('shipped', 'a', inMinutes(2));
    expect(collapse([shipped], shipped, NOW).superseded).toEqual([]);
  });

  it('merge keeps urgency and the earliest time of the burst when any part was urgent', () => {
    const urgentOld = note('out-for-delivery', 'a', inMinutes(1), { urgent: true });
    const latest = note('delivered', 'b', inMinutes(2));
    expect(mergeInto(latest, [urgentOld])).toEqual({ ...latest, urgent: true, notBefore: inMinutes(1) });
  });
});
