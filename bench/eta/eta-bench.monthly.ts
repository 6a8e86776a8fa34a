import { daysBetween } from '@ot/domain';
import type { OlistOrder } from '@ot/replay';
import type { ReplayObservations } from './in-process.replay';

/**
 * Per month and stage: the MAE, the mean signed error (delivered minus expected day, days) and the balance of
 * the signs (share delivered after the expected day less the share before it): a median forecast, the one the
 * MAE rewards, has a balance near 0 whatever the skew; a mean error alone reads the right skew as a bias.
 */
export type MonthlyMae = {
  month: string;
  placed: number;
  maePlaced: number;
  handed: number;
  maeHandoff: number;
  biasPlaced: number;
  biasHandoff: number;
  signPlaced: number;
  signHandoff: number;
};

const round = (x: number): number => Math.round(x * 1000) / 1000;
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const balance = (xs: number[]): number => (xs.length ? (xs.filter((x) => x > 0).length - xs.filter((x) => x < 0).length) / xs.length : Number.NaN);

/**
 * Expected-day errors per month of purchase (delivered orders), so a shock (Black Friday, Carnival)
 * shows instead of hiding in the whole period's figure; the last row (`all`) is the whole period.
 */
export function monthlyMae(orders: readonly OlistOrder[], obs: ReplayObservations): MonthlyMae[] {
  const rows = new Map<string, { placed: number[]; handed: number[] }>();
  const all = { placed: [] as number[], handed: [] as number[] };
  for (const o of orders) {
    if (!o.deliveredAt) continue;
    const row = rows.get(o.purchasedAt.slice(0, 7)) ?? { placed: [], handed: [] };
    rows.set(o.purchasedAt.slice(0, 7), row);
    const day = o.deliveredAt.slice(0, 10);
    const atPlaced = obs.atPlaced.get(o.orderId);
    const atHandoff = obs.atHandoff.get(o.orderId);
    for (const [view, into] of [
      [atPlaced, 'placed'],
      [atHandoff, 'handed'],
    ] as const) {
      if (!view) continue;
      const signed = daysBetween(view.expected, day);
      row[into].push(signed);
      all[into].push(signed);
    }
  }
  const line = (month: string, r: { placed: number[]; handed: number[] }): MonthlyMae => ({
    month,
    placed: r.placed.length,
    maePlaced: round(mean(r.placed.map(Math.abs))),
    handed: r.handed.length,
    maeHandoff: round(mean(r.handed.map(Math.abs))),
    biasPlaced: round(mean(r.placed)),
    biasHandoff: round(mean(r.handed)),
    signPlaced: round(balance(r.placed)),
    signHandoff: round(balance(r.handed)),
  });
  return [
    ...[...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, r]) => line(month, r)),
    ...(all.placed.length || all.handed.length ? [line('all', all)] : []),
  ];
}

/** The monthly table as aligned text, one month a line. */
export function monthlyMaeTable(rows: readonly MonthlyMae[]): string {
  const head = 'month    delivered  mae_placed  mae_handoff  bias_placed  bias_handoff  sign_placed  sign_handoff';
  const n = (x: number, width: number): string => x.toFixed(3).padStart(width);
  const line = (r: MonthlyMae): string =>
    `${r.month.padEnd(7)}  ${String(r.placed).padStart(9)}  ${n(r.maePlaced, 10)}  ${n(r.maeHandoff, 11)}  ${n(r.biasPlaced, 11)}  ${n(r.biasHandoff, 12)}  ${n(r.signPlaced, 11)}  ${n(r.signHandoff, 12)}`;
  return [head, ...rows.map(line)].join('\n');
}
