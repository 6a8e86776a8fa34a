import fc from 'fast-check';
import type { NotificationKind } from '@ot/domain';
import { customerHistoryArb, driveNotifier, InMemoryNotificationLog, InMemoryNotificationStore, RecordingChannelSender } from '@ot/testing';

/** Events the customer must hear about (or be told why not): the parcel is at the door, waiting, failed, back, canceled, here. */
const MUST_HEAR: Readonly<Record<string, NotificationKind>> = {
  OutForDelivery: 'out-for-delivery',
  DeliveryAttemptFailed: 'delivery-attempt-failed',
  ArrivedAtPickupPoint: 'at-pickup-point',
  Delivered: 'delivered',
  PickedUp: 'delivered',
  ReturnedToSender: 'returned',
  OrderCanceled: 'canceled',
};
/** Reasons that account for a final or actionable message not going out on its own. */
const ACCOUNTED = new Set(['superseded', 'stale']);

describe('notifier properties over random histories of one customer with many orders', () => {
  it('every final or actionable event is sent or its absence explained (never by a cap); no date before placement; nothing twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        customerHistoryArb,
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (history, batchSizes, redeliver) => {
          const store = new InMemoryNotificationStore();
          const log = new InMemoryNotificationLog();
          const push = new RecordingChannelSender('push');
          await driveNotifier(history, { store, log, senders: [push], batchSizes, wakeAfterBatch: (b) => b % 2 === 0, redeliver });

          const sentIds = push.sent.map((m) => m.notificationId);
          expect(new Set(sentIds).size).toBe(sentIds.length); // nothing sent twice
          const finals = push.sent.filter((m) => ['delivered', 'returned', 'canceled'].includes(m.kind)).map((m) => m.orderId);
          expect(new Set(finals).size).toBe(finals.length); // one final message per order

          for (const e of history.events) {
            const kind = MUST_HEAR[e.type];
            if (!kind) continue;
            const id = `${e.data.orderId}:${kind}:${e.globalPosition}`;
            const reasons = log.attempts.filter((a) => a.notificationId === id).map((a) => a.status);
            expect(reasons).not.toContain('capped');
            if (!sentIds.includes(id)) expect({ id, reasons: reasons.filter((r) => ACCOUNTED.has(r)) }).toEqual({ id, reasons: [expect.any(String)] });
          }

          // Informational news is never silently lost either: sent, in a digest that was sent, or explained.
          for (const e of history.events.filter((x) => x.type === 'HandedToCarrier')) {
            const id = `${e.data.orderId}:shipped:${e.globalPosition}`;
            const lines = log.attempts.filter((a) => a.notificationId === id && a.status !== 'held-quiet-hours');
            const digestId = lines.find((a) => a.status === 'digested')?.error?.split(' in ')[1];
            // in a digest that went out naming the order, or withdrawn from it (logged) when the order ended first
            const digested =
              !!digestId &&
              (push.sent.some((m) => m.notificationId === digestId && m.orderIds?.includes(e.data.orderId)) ||
                log.attempts.some((a) => a.notificationId === digestId && a.orderId === e.data.orderId && a.status === 'stale'));
            if (!sentIds.includes(id) && !digested)
              expect({ id, reasons: lines.map((a) => a.status) }).toEqual({ id, reasons: [expect.stringMatching(/^(superseded|stale)$/)] });
          }

          // Never "on its way" (in a digest) after the order's final message.
          for (const digest of push.sent.filter((m) => m.kind === 'digest')) {
            const endedBefore = push.sent
              .filter((m) => ['delivered', 'returned', 'canceled'].includes(m.kind) && m.sentAt < digest.sentAt)
              .map((m) => m.orderId);
            expect(digest.orderIds!.filter((id) => endedBefore.includes(id))).toEqual([]);
          }

          for (const m of push.sent) {
            const dated = [...(m.kind === 'digest' ? [] : [[m.orderId, m.data ?? {}] as const])];
            for (const [orderId, data] of dated) {
              for (const date of [data.expected, data.promised].filter(Boolean))
                expect({ orderId, date: date! >= history.placedDay.get(orderId)! }).toEqual({ orderId, date: true });
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
