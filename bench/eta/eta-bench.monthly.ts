import { daysBetween } from '@ot/domain';
import type { OlistOrder } from '@ot/replay';
import type { ReplayObservations } from './in-process.replay';

export type MonthlyMae = { month: string; placed: number; maePlaced: number; handed: number; maeHandoff: number };

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Expected-day MAE per month of purchase (delivered orders), so a shock (Black Friday, Carnival)
 * shows instead of hiding in the whole period's figure.
 */
export function monthlyMae(orders: readonly OlistOrder[], obs: ReplayObservations): MonthlyMae[] {
  const rows = new Map<string, { placed: number[]; handed: number[] }>();
  for (const o of orders) {
    if (!o.deliveredAt) continue;
    const row = rows.get(o.purchasedAt.slice(0, 7)) ?? { placed: [], handed: [] };
    rows.set(o.purchasedAt.slice(0, 7), row);
    const day = o.deliveredAt.slice(0, 10);
    const atPlaced = obs.atPlaced.get(o.orderId);
    const atHandoff = obs.atHandoff.get(o.orderId);
    if (atPlaced) row.placed.push(Math.abs(daysBetween(atPlaced.expected, day)));
    if (atHandoff) row.handed.push(Math.abs(daysBetween(atHandoff.expected, day)));
  }
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, r]) => ({ month, placed: r.placed.length, maePlaced: round(mean(r.placed)), handed: r.handed.length, maeHandoff: round(mean(r.handed)) }));
}

/** The monthly table as aligned text, one month a line. */
export function monthlyMaeTable(rows: readonly MonthlyMae[]): string {
  const head = 'month    delivered  mae_placed  mae_handoff';
  const line = (r: MonthlyMae): string =>
    `${r.month}  ${String(r.placed).padStart(9)}  ${r.maePlaced.toFixed(3).padStart(10)}  ${r.maeHandoff.toFixed(3).padStart(11)}`;
  return [head, ...rows.map(line)].join('\n');
}
