import type { BoardQuery, BoardSortKey, DayRange } from '@ot/application';

/** Days in the current stage (stage_since to @asOf), bucketed as AGEING_BUCKETS. */
export const AGEING_SQL = `CASE WHEN julianday(@asOf) - julianday(stage_since) < 1 THEN '0-1d'
  WHEN julianday(@asOf) - julianday(stage_since) < 3 THEN '1-3d'
  WHEN julianday(@asOf) - julianday(stage_since) < 7 THEN '3-7d' ELSE '7d+' END`;

export const ORDER_BY: Record<BoardSortKey, string> = {
  placedAt: 'placed_at',
  promisedBy: 'promised_by',
  expected: 'expected',
  stageSince: 'stage_since',
  lastScanAt: 'last_scan_at',
  delayState: 'delay_state',
  stage: 'stage',
  carrier: 'carrier',
  route: 'route',
};

/** The WHERE clause of a board query, with named parameters only (no value is ever spliced in). */
export function boardFilter(q: BoardQuery): { where: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = { asOf: q.asOf };
  const compare = (column: string, operator: '=' | '>=' | '<=', name: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${column} ${operator} @${name}`);
    params[name] = value;
  };
  const equal = (column: string, name: string, value: string | undefined) => compare(column, '=', name, value);
  const anyOf = (column: string, name: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    clauses.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
    values.forEach((v, i) => (params[`${name}${i}`] = v));
  };
  const between = (column: string, name: string, range: DayRange | undefined) => {
    compare(column, '>=', `${name}From`, range?.from);
    compare(column, '<=', `${name}To`, range?.to);
  };
  if (!q.includeClosed) clauses.push('open = 1');
  anyOf('order_id', 'id', q.orderIds);
  anyOf('delay_state', 'state', q.delayStates);
  anyOf('stage', 'stage', q.stages);
  equal('carrier', 'carrier', q.carrier);
  equal('origin_state', 'originState', q.originState);
  equal('destination_state', 'destinationState', q.destinationState);
  equal('reason', 'reason', q.reason);
  between('placed_day', 'placed', q.placed);
  between('handed_day', 'handed', q.handed);
  between('delivered_day', 'delivered', q.delivered);
  equal(`(${AGEING_SQL})`, 'ageing', q.ageing);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
