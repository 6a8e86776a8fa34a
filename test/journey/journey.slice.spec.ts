import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOlistOrders } from '@ot/replay';
import { describeDetails, type JourneyResult, measureJourney } from '../../bench/journey/journey.measure';
import type { JourneyDetails } from '../../bench/journey/journey.metrics';
import { repoRoot } from '../../bench/journey/order-service.process';
import { freePort } from '../reliability/support/child-process.support';

/**
 * The journey bench on the first orders of the shared Olist file: the default service (its real
 * entry point, event-time clock, nothing else set) replayed twice over HTTP. What must hold
 * whatever the ETA model's quality is asserted; the model's own rates are printed (docs/JOURNEY.md).
 * JOURNEY_DATA points at another copy of the file, JOURNEY_PORT picks the port (else a free one).
 */
const DATA = process.env.JOURNEY_DATA ?? join(repoRoot(), '..', 'shared', 'data', 'olist-orders.csv');
const ORDERS = 200;

describe(`journey on the first ${ORDERS} orders of the shared file (default service, replayed twice)`, () => {
  let result: JourneyResult;
  let details: JourneyDetails;
  const few = (ids: readonly string[]): string[] => ids.slice(0, 3);

  beforeAll(async () => {
    if (!existsSync(DATA)) throw new Error(`the Olist file is not at ${DATA}: set JOURNEY_DATA`);
    const port = Number(process.env.JOURNEY_PORT ?? 0) || (await freePort());
    ({ result, details } = await measureJourney({
      orders: readOlistOrders(DATA, ORDERS),
      port,
      entry: 'source',
      once: false,
      keep: false,
      quietMs: 3000,
      drainTimeoutMs: 60_000,
    }));
    process.stderr.write(`journey slice: ${JSON.stringify(result)}\n${describeDetails(details)}\n`);
  }, 240_000);

  it('sends the same messages when the same orders are replayed again', () => {
    expect(result.replay_identical).toBe(true);
  });

  it('serves no view that contradicts itself', () => {
    expect(Object.entries(details.incoherences).map(([rule, ids]) => [rule, ids.length, few(ids)])).toEqual([]);
    expect(result.incoherent_views).toBe(0);
  });

  it('names no date before the order was placed or before the day of the message', () => {
    expect(details.pastDateMessages.slice(0, 3).map((m) => ({ order: m.orderIds[0], kind: m.kind, sentDay: m.sentDay, dates: m.dates }))).toEqual([]);
    expect(result.messages_naming_past_or_preplacement_dates).toBe(0);
  });

  it('tells every customer whose order was delivered', () => {
    expect(few(details.deliveredWithoutMessage)).toEqual([]);
    expect(result.delivered_message_rate).toBe(1);
  });

  it('sends at most 5 messages to 95% of the orders', () => {
    expect(result.messages_per_order_p95).toBeLessThanOrEqual(5);
  });
});
