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

  it('given pending delay news, then status news does not swallow it', () => {
    const delay = note('delay-predicted', 'd', inMinutes(1));
    expect(collapse([delay], note('delivered', 'c', inMinutes(2)), NOW).superseded).toEqual([]);
  });
});

describe('collapsing date news: the customer hears one date, never two that contradict each other minutes apart', () => {
  const dated = (kind: NotificationKind, id: string, newExpected: string, extra: Partial<SendNotification['facts']> = {}) =>
    note(kind, id, inMinutes(1), { facts: { orderId: 'o1', newExpected, ...extra } });

  it('given "shipped" still queued, when the date changes, then one "shipped" with the new date replaces both', () => {
    const shipped = note('shipped', 'a', inMinutes(2), { facts: { orderId: 'o1', promisedBy: '2026-11-30' } });
    expect(collapse([shipped], dated('eta-changed', 'e', '2026-12-02'), NOW)).toEqual({
      send: { ...shipped, notificationId: 'e', facts: { orderId: 'o1', promisedBy: '2026-11-30', newExpected: '2026-12-02' } },
      superseded: ['a'],
    });
  });

  it('given "shipped" still queued, when a delay is predicted, then the delay warning alone goes (late, why, when)', () => {
    const shipped = note('shipped', 'a', inMinutes(2), { facts: { orderId: 'o1', promisedBy: '2026-11-30' } });
    const delay = dated('delay-predicted', 'd', '2026-12-02', { reason: 'weather' });
    expect(collapse([shipped], delay, NOW)).toEqual({ send: delay, superseded: ['a'] });
  });

  it('given a delay warning still queued, when the date moves again, then the warning keeps its reason and takes the newer date', () => {
    const delay = dated('delay-predicted', 'd', '2026-12-02', { reason: 'weather' });
    const result = collapse([delay], dated('eta-changed', 'e', '2026-12-04'), NOW);
    expect(result).toEqual({
      send: { ...delay, notificationId: 'e', facts: { orderId: 'o1', reason: 'weather', newExpected: '2026-12-04' } },
      superseded: ['d'],
    });
  });

  it('given a delay warning still queued, when a newer warning comes (a partner says the parcel is lost), then the newer one alone goes', () => {
    const lost = dated('delay-predicted', 'd2', '2026-12-06', { reason: 'lost' });
    expect(collapse([dated('delay-predicted', 'd1', '2026-12-02', { reason: 'weather' })], lost, NOW)).toEqual({ send: lost, superseded: ['d1'] });
  });

  it('given a delay warning still queued, when the delay clears, then neither goes: the customer never heard of the delay', () => {
    expect(collapse([dated('delay-predicted', 'd', '2026-12-02')], dated('delay-cleared', 'c', '2026-11-29'), NOW)).toEqual({
      send: undefined,
      superseded: ['d'],
    });
  });

  it('given a date change still queued, when another comes, then only the newer goes', () => {
    const newer = dated('eta-changed', 'e2', '2026-12-03');
    expect(collapse([dated('eta-changed', 'e1', '2026-12-02')], newer, NOW)).toEqual({ send: newer, superseded: ['e1'] });
  });

  it('given date news already due (being sent), then it is left alone', () => {
    const due = note('eta-changed', 'e1', NOW, { facts: { orderId: 'o1', newExpected: '2026-12-02' } });
    const newer = dated('eta-changed', 'e2', '2026-12-03');
    expect(collapse([due], newer, NOW)).toEqual({ send: newer, superseded: [] });
  });
});

describe('collapsing status news (continued)', () => {
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
