import type { EtaView } from '@ot/application';
import { BoostedTrees, type BoostedTreesOptions, endOfLocalDay, epochOfLocal, localDateOf, MS_PER_DAY, type ModelTime } from '@ot/domain';
import { type OlistOrder, type OrderStep, timeline } from '@ot/replay';

/**
 * An offline reference for the expected day (docs/ETA.md, session 12): a direct model of each stage's whole
 * remaining duration, log model days from the stage's start (placement, hand-off) to delivery, boosted trees retrained
 * every week on ALL past deliveries, walk-forward. Features are read at the stage's start from the past only.
 * Nothing of it runs in the service; it measures how far this file's MAE can go with a bigger model than the online one.
 */

/** How the reference is trained: the trees, how often, from how many rows, and which deliveries a retrain learns. */
export type ReferenceSettings = Readonly<{
  trees: BoostedTreesOptions;
  retrainDays: number;
  minRows: number;
  /**
   * A retrain learns the deliveries of parcels that started the stage at least this many days before it: the stage's
   * recent starts are known only through their fast deliveries (the slow ones are still open), and with features that
   * grow with time those censored rows teach "recent means fast" (measured: the first run, with every delivery, put
   * the level about 0.3 log-days low; docs/ETA.md session 12).
   */
  horizonDays: number;
}>;

/**
 * Chosen a priori, not on the file: LightGBM's defaults (31 leaves, 0.1 x 100 rounds, 20 rows a leaf) as complete
 * trees of depth 5 (32 leaves), half the shrinkage for twice the rounds; 64 thresholds a feature (zip3s have hundreds);
 * retrained every 7 days (the weekly LightGBM), first with 500 deliveries of a stage (as the online ring); a
 * month's horizon, past Olist's usual promise (about three weeks).
 */
export const REFERENCE: ReferenceSettings = {
  trees: { trees: 200, depth: 5, shrinkage: 0.05, minLeaf: 20, bins: 64 },
  retrainDays: 7,
  minRows: 500,
  horizonDays: 30,
};

export type Stage = 'placed' | 'handed';
export const STAGES: readonly Stage[] = ['placed', 'handed'];

/** Per order and stage: the instant the reference puts the delivery at (epoch ms), when it was trained by then. */
export type ReferenceForecasts = Record<Stage, Map<string, number>>;

const UF = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
];
const UNKNOWN = -1e9;
const stateCode = (s: string): number => {
  const i = UF.indexOf(s.trim().toUpperCase());
  return i >= 0 ? i : UNKNOWN;
};
const zip3 = (zip: string): number => {
  const digits = zip.replace(/\D/g, '');
  return digits.length >= 3 ? Number(digits.slice(0, 3)) : UNKNOWN;
};
/** Log model days, floored at half a day (the residuals' own floor, forecast-residual.ts). */
const logDays = (modelMs: number): number => Math.log(Math.max(modelMs / MS_PER_DAY, 0.5));

/** A shrunk mean of past values per key (k pseudo-values of the running global mean): a past-only target encoding. */
class MeanByKey {
  private readonly sums = new Map<string, { sum: number; n: number }>();
  private total = 0;
  private n = 0;
  constructor(private readonly k = 10) {}
  add(key: string, v: number): void {
    const s = this.sums.get(key) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    this.sums.set(key, s);
    this.total += v;
    this.n++;
  }
  mean(key: string): number {
    if (this.n === 0) return UNKNOWN;
    const g = this.total / this.n;
    const s = this.sums.get(key);
    return s ? (s.sum + this.k * g) / (s.n + this.k) : g;
  }
  count(key: string): number {
    return this.sums.get(key)?.n ?? 0;
  }
}

/** Presumed lost: longer than the longest a stage is forecast (64 model days, session 11) in calendar days, about. */
const LOST_DAYS = 60;

/** Open parcels of a stage: start instant and a group key, for backlog counts (all, stale, per group). */
class OpenParcels {
  readonly open = new Map<string, { at: number; group: string }>();
  start(id: string, at: number, group: string): void {
    this.open.set(id, { at, group });
  }
  end(id: string): void {
    this.open.delete(id);
  }
  /**
   * [open, stale (open longer than staleDays), open in the group, mean age in days], leaving out (and forgetting) the
   * parcels open longer than LOST_DAYS: the file's never-delivered rows would stay open for ever and make the backlog
   * a clock.
   */
  read(now: number, staleDays: number, group: string): [number, number, number, number] {
    let stale = 0;
    let mine = 0;
    let age = 0;
    for (const [id, p] of this.open) {
      if (now - p.at > LOST_DAYS * MS_PER_DAY) {
        this.open.delete(id);
        continue;
      }
      if (now - p.at > staleDays * MS_PER_DAY) stale++;
      if (p.group === group) mine++;
      age += (now - p.at) / MS_PER_DAY;
    }
    return [this.open.size, stale, mine, this.open.size ? age / this.open.size : 0];
  }
}

/** Instants in a sliding window (a queue), for recent rates and recent durations. */
class Recent {
  private readonly at: number[] = [];
  private readonly v: number[] = [];
  private head = 0;
  constructor(private readonly days: number) {}
  add(at: number, v = 0): void {
    this.at.push(at);
    this.v.push(v);
  }
  private drop(now: number): void {
    while (this.head < this.at.length && now - this.at[this.head] > this.days * MS_PER_DAY) this.head++;
  }
  count(now: number): number {
    this.drop(now);
    return this.at.length - this.head;
  }
  mean(now: number): number {
    this.drop(now);
    const n = this.at.length - this.head;
    let s = 0;
    for (let i = this.head; i < this.at.length; i++) s += this.v[i];
    return n ? s / n : UNKNOWN;
  }
}

/** The feature names, in row order. */
export const REFERENCE_FEATURES = [
  'destZip3',
  'destState',
  'originZip3',
  'originState',
  'sameState',
  'destCityMean',
  'destZip3Mean',
  'destStateMean',
  'routeMean',
  'sellerHandoffMean',
  'sellerHandoffCount',
  'sellerRecentHandoff',
  'sellerOpen',
  'weekday',
  'hour',
  'month',
  'businessDays7',
  'businessDays14',
  'promiseLeadDays',
  'promiseLeadBusinessDays',
  'handOverLeadDays',
  'items',
  'logPrice',
  'logFreight',
  'handedBacklogDays',
  'handedStaleShare',
  'handedToStateShare',
  'handedMeanAge',
  'placedBacklogDays',
  'placedStaleShare',
  'placedFromStateShare',
  'inflowSurge',
  'recentTotal14',
  'recentTransit14',
  'elapsedHandoverDays',
] as const;
const D = REFERENCE_FEATURES.length;
/** Stale: open longer than a hand-over deadline's usual week, or a transit's two weeks (a priori, Olist's typical promise). */
const STALE_DAYS: Record<Stage, number> = { placed: 7, handed: 14 };

class StageRows {
  x: number[] = [];
  y: number[] = [];
  startedAt: number[] = [];
  ids: string[] = [];
  trees: BoostedTrees | undefined;
}

/**
 * Not a forecast: `bound` replaces every delivered order's forecast by a 5-fold cross-fit over the whole file's rows (the
 * same features, read walk-forward, but trees trained on the other folds, future included). `time`: five consecutive
 * blocks by the stage's start (the trees never see the block's own weeks); `random`: every fifth row (they see its
 * neighbours in time, so the week's level). What these features could reach were the future known.
 */
export type Bound = 'time' | 'random';
const FOLDS = 5;

function crossFitted(s: StageRows, bound: Bound, trees: BoostedTreesOptions, put: (id: string, startedAt: number, days: number) => void): void {
  const byStart = s.y.map((_, r) => r).sort((a, b) => s.startedAt[a] - s.startedAt[b]);
  for (let k = 0; k < FOLDS; k++) {
    const fold = new Set(
      bound === 'random'
        ? byStart.filter((_, i) => i % FOLDS === k)
        : byStart.slice(Math.floor((k * byStart.length) / FOLDS), Math.floor(((k + 1) * byStart.length) / FOLDS)),
    );
    const x: number[] = [];
    const y: number[] = [];
    for (let r = 0; r < s.y.length; r++) {
      if (fold.has(r)) continue;
      for (let f = 0; f < D; f++) x.push(s.x[r * D + f]);
      y.push(s.y[r]);
    }
    const t = BoostedTrees.train(x, y, y.length, D, trees);
    for (const r of fold) put(s.ids[r], s.startedAt[r], Math.exp(t.base + t.predict(s.x.slice(r * D, (r + 1) * D))));
  }
}

/**
 * Walks the file's steps in time order and returns each stage's reference forecast for every order that started the
 * stage after the first training. Deliveries are learned the instant they happen; the trees see them at the next
 * weekly retrain. `modelTime`: the axis durations are counted on (business days, as the service).
 */
export function offlineReference(
  orders: readonly OlistOrder[],
  timeZone: string,
  modelTime: ModelTime,
  settings: ReferenceSettings = REFERENCE,
  onRetrain?: (stage: Stage, rows: number, ms: number) => void,
  bound?: Bound,
): ReferenceForecasts {
  const out: ReferenceForecasts = { placed: new Map(), handed: new Map() };
  const stages: Record<Stage, StageRows> = { placed: new StageRows(), handed: new StageRows() };
  const pending = new Map<string, { placed?: { x: number[]; at: number }; handed?: { x: number[]; at: number } }>();
  const byCity = new MeanByKey();
  const byZip3 = new MeanByKey();
  const byState = new MeanByKey();
  const byRoute = new MeanByKey();
  const sellerHandoff = new MeanByKey();
  const sellerRecent = new Map<string, number[]>();
  const openPlaced = new OpenParcels();
  const openHanded = new OpenParcels();
  const inflow = new Recent(7);
  const inflow28 = new Recent(28);
  const recentTotal = new Recent(14);
  const recentTransit = new Recent(14);
  const placedAt = new Map<string, number>();
  const model = (ms: number): number => modelTime.toModel(ms);
  const cityKey = (o: OlistOrder): string => `${o.customer.state}|${o.customer.city}`;
  const routeKey = (o: OlistOrder): string => `${o.seller.state}>${o.customer.state}`;

  const features = (step: OrderStep, stage: Stage): number[] => {
    const o = step.order;
    const at = step.at;
    const day = localDateOf(at, timeZone);
    const seller = o.sellerId ?? '';
    const recent = sellerRecent.get(seller);
    const handed = openHanded.read(at, STALE_DAYS.handed, o.customer.state);
    const placed = openPlaced.read(at, STALE_DAYS.placed, o.seller.state);
    const promiseEnd = endOfLocalDay(o.promisedDate, timeZone);
    const handOverBy = o.shippingLimitAt ? Date.parse(`${o.shippingLimitAt}Z`) - Date.parse(`${o.purchasedAt}Z`) : Number.NaN;
    const placedMs = placedAt.get(o.orderId) ?? at;
    const rate = Math.max(1, inflow28.count(at)) / 28; // placements a day over the last four weeks
    return [
      zip3(o.customer.zip),
      stateCode(o.customer.state),
      zip3(o.seller.zip),
      stateCode(o.seller.state),
      o.customer.state === o.seller.state ? 1 : 0,
      byCity.mean(cityKey(o)),
      byZip3.mean(String(zip3(o.customer.zip))),
      byState.mean(o.customer.state),
      byRoute.mean(routeKey(o)),
      o.sellerId ? sellerHandoff.mean(seller) : UNKNOWN,
      o.sellerId ? Math.min(sellerHandoff.count(seller), 50) : UNKNOWN,
      recent?.length ? recent.reduce((a, b) => a + b, 0) / recent.length : UNKNOWN,
      o.sellerId ? (sellerOpen.get(seller) ?? 0) : UNKNOWN,
      new Date(`${day}T00:00:00Z`).getUTCDay(),
      Math.floor((at - epochOfLocal(`${day}T00:00:00`, timeZone)) / 3_600_000),
      Number(day.slice(5, 7)),
      (model(at + 7 * MS_PER_DAY) - model(at)) / MS_PER_DAY,
      (model(at + 14 * MS_PER_DAY) - model(at)) / MS_PER_DAY,
      (promiseEnd - at) / MS_PER_DAY,
      (model(promiseEnd) - model(at)) / MS_PER_DAY,
      Number.isFinite(handOverBy) ? handOverBy / MS_PER_DAY : UNKNOWN,
      o.itemCount ?? UNKNOWN,
      o.priceTotal !== undefined ? Math.log1p(o.priceTotal) : UNKNOWN,
      o.freightTotal !== undefined ? Math.log1p(o.freightTotal) : UNKNOWN,
      // read against the volume (the file grows tenfold): backlogs in days of recent inflow, shares, a 7-day surge
      handed[0] / rate,
      handed[0] ? handed[1] / handed[0] : 0,
      handed[0] ? handed[2] / handed[0] : 0,
      handed[3],
      placed[0] / rate,
      placed[0] ? placed[1] / placed[0] : 0,
      placed[0] ? placed[2] / placed[0] : 0,
      inflow.count(at) / 7 / rate,
      recentTotal.mean(at),
      recentTransit.mean(at),
      stage === 'handed' ? (model(at) - model(placedMs)) / MS_PER_DAY : UNKNOWN,
    ];
  };
  const sellerOpen = new Map<string, number>();
  const closeHandOver = (o: OlistOrder): void => {
    if (!openPlaced.open.has(o.orderId)) return;
    openPlaced.end(o.orderId);
    if (o.sellerId) sellerOpen.set(o.sellerId, (sellerOpen.get(o.sellerId) ?? 1) - 1);
  };

  const retrain = (stage: Stage, now: number): void => {
    const s = stages[stage];
    const x: number[] = [];
    const y: number[] = [];
    for (let r = 0; r < s.y.length; r++) {
      if (now - s.startedAt[r] < settings.horizonDays * MS_PER_DAY) continue;
      for (let f = 0; f < D; f++) x.push(s.x[r * D + f]);
      y.push(s.y[r]);
    }
    if (y.length < settings.minRows) return;
    const started = performance.now();
    s.trees = BoostedTrees.train(x, y, y.length, D, settings.trees);
    onRetrain?.(stage, y.length, performance.now() - started);
  };
  const steps = timeline(orders, timeZone);
  let nextTrain = steps.length ? steps[0].at + settings.retrainDays * MS_PER_DAY : 0;
  for (const step of steps) {
    for (; step.at >= nextTrain; nextTrain += settings.retrainDays * MS_PER_DAY) for (const stage of STAGES) retrain(stage, nextTrain);
    const o = step.order;
    const id = o.orderId;
    if (step.kind === 'placed' || step.kind === 'handed') {
      const stage: Stage = step.kind;
      const x = features(step, stage);
      if (x.length !== D) throw new Error(`offline reference: ${x.length} features, ${D} names`);
      const row = pending.get(id) ?? {};
      row[stage] = { x, at: step.at };
      pending.set(id, row);
      const trees = stages[stage].trees;
      if (trees) {
        const days = Math.exp(trees.base + trees.predict(x));
        out[stage].set(id, modelTime.fromModel(model(step.at) + days * MS_PER_DAY));
      }
    }
    switch (step.kind) {
      case 'placed':
        placedAt.set(id, step.at);
        inflow.add(step.at);
        inflow28.add(step.at);
        openPlaced.start(id, step.at, o.seller.state);
        if (o.sellerId) sellerOpen.set(o.sellerId, (sellerOpen.get(o.sellerId) ?? 0) + 1);
        break;
      case 'handed': {
        closeHandOver(o);
        openHanded.start(id, step.at, o.customer.state);
        const v = logDays(model(step.at) - model(placedAt.get(id) ?? step.at));
        if (o.sellerId) {
          sellerHandoff.add(o.sellerId, v);
          const r = sellerRecent.get(o.sellerId) ?? [];
          r.push(v);
          if (r.length > 10) r.shift();
          sellerRecent.set(o.sellerId, r);
        }
        break;
      }
      case 'canceled':
        closeHandOver(o);
        pending.delete(id);
        break;
      case 'delivered': {
        closeHandOver(o);
        openHanded.end(id);
        const row = pending.get(id);
        pending.delete(id);
        for (const stage of STAGES) {
          const r = row?.[stage];
          if (!r) continue;
          const y = logDays(model(step.at) - model(r.at));
          const s = stages[stage];
          s.x.push(...r.x);
          s.y.push(y);
          s.startedAt.push(r.at);
          s.ids.push(id);
          if (stage === 'placed') recentTotal.add(step.at, y);
          else {
            recentTransit.add(step.at, y);
            byCity.add(cityKey(o), y);
            byZip3.add(String(zip3(o.customer.zip)), y);
            byState.add(o.customer.state, y);
            byRoute.add(routeKey(o), y);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  if (bound)
    for (const stage of STAGES)
      crossFitted(stages[stage], bound, settings.trees, (id, startedAt, days) => out[stage].set(id, modelTime.fromModel(model(startedAt) + days * MS_PER_DAY)));
  return out;
}

/** A view with its expected day replaced (the rest as the online model gave it). */
export function withExpected(views: ReadonlyMap<string, EtaView>, expectedOf: (id: string, v: EtaView) => string): Map<string, EtaView> {
  return new Map([...views].map(([id, v]) => [id, { ...v, expected: expectedOf(id, v) }]));
}
