import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOlistOrders } from '@ot/replay';
import { runEtaBench } from './eta-bench.runner';

const DATA = join(__dirname, '../../../shared/data/olist-orders.csv');
const KEYS = [
  'orders',
  'delivered',
  'mae_expected_at_placed_days',
  'mae_expected_at_handoff_days',
  'by_date_on_time_rate',
  'by_date_mean_padding_days',
  'window_coverage',
  'window_mean_width_days',
  'delay_alert_recall',
  'delay_alert_recall_2d',
  'delay_alert_precision',
  'delay_alert_mean_lead_days',
  'olist_promise_on_time_rate',
  'olist_promise_mae_days',
  'events_per_second',
];

(existsSync(DATA) ? describe : describe.skip)('bench:eta smoke (first 300 orders of the shared file)', () => {
  it('replays in process and yields one parseable JSON line with every metric', async () => {
    const orders = readOlistOrders(DATA, 300);
    const { result, observations } = await runEtaBench(orders, { timeZone: 'America/Sao_Paulo' });
    const parsed = JSON.parse(JSON.stringify(result)) as Record<string, number>;
    expect(Object.keys(parsed)).toEqual(KEYS);
    expect(parsed.orders).toBe(300);
    for (const key of KEYS) expect(Number.isFinite(parsed[key])).toBe(true);
    expect(observations.atPlaced.size).toBe(300); // every order got a forecast when placed
    expect(parsed.window_coverage).toBeGreaterThan(0);
  }, 120_000);
});
