import { ETA_STAGES, type EtaRoute, type EtaStage } from './eta-route';
import { DecayedRidge, type DecayedRidgeSnapshot } from './decayed-ridge';
import { ResidualRing, type ResidualRingOptions, type ResidualRingSnapshot } from './residual-ring';
import { cappedFactor, MAX_LOG_RESIDUAL } from './forecast-residual';
import { zoneOffsetMs } from '../shared/zone-offset';

const MS_PER_DAY = 86_400_000;

/**
 * The joint model's features, by group (a group can be left out: `EtaModelConfig.jointWithout`):
 * `lead` the promise's and the hand-over deadline's leads against the stage's first forecast's median (LeadFeature.leadOf);
 * `effects` the seller's and the destination city's shrunk effects (EtaEffects); `time` the weekday and hour the
 * stage began (local); `parcel` the item count and the parcel's value and freight (freight prices distance and weight);
 * `stack` the log of the stage's first forecast's own median (remaining days, centred like every column): a coefficient
 * below 0 shrinks long forecasts and stretches short ones toward the stage's mean, as a noisy base model's should be.
 */
export const JOINT_FEATURE_GROUPS = ['lead', 'effects', 'time', 'parcel', 'stack'] as const;
export type JointFeatureGroup = (typeof JOINT_FEATURE_GROUPS)[number];

const GROUP_OF: readonly JointFeatureGroup[] = [
  'lead', // promise lead
  'lead', // hand-over deadline lead
  'effects', // seller
  'effects', // destination city
  ...(Array<JointFeatureGroup>(6).fill('time') as JointFeatureGroup[]), // Monday..Saturday (Sunday is the base)
  'time', // sin(hour)
  'time', // cos(hour)
  'parcel', // log items
  'parcel', // log(1 + value)
  'parcel', // log(1 + freight)
  'stack', // log of the stage's first forecast's median (remaining days)
];
export const JOINT_DIMENSION = GROUP_OF.length;

/**
 * What a forecast knows of the order, besides the learner's groups: nothing of it is kept with the order, every
 * forecast and the delivery's lesson read it again from the order's own fields (jointInputsOf).
 */
export type JointInputs = Readonly<{
  promiseLead?: number;
  deadlineLead?: number;
  sellerEffect: number;
  cityEffect: number;
  /** The stage's start (epoch ms, calendar time) and the customer's zone: the local weekday and hour. */
  startedMs: number;
  timeZone: string;
  itemCount?: number;
  priceTotal?: number;
  freightTotal?: number;
  /** Where the parcel goes (the trees split on its places). */
  route?: EtaRoute;
  /** The stage's first forecast's median, in days remaining from that forecast (model time). */
  firstMedianDays?: number;
}>;

/** A median under half a day is read as half a day (as the residuals' remaining times): the log stays finite. */
const MIN_MEDIAN_DAYS = 0.5;
/** The weekday's first dummy (Monday) and the hour's sine, in the full features. */
const MONDAY = 4;
const HOUR = 10;
/** One forecast's features, read and dotted at once (single-threaded): a forecast allocates none. */
const SCRATCH: number[] = new Array<number>(JOINT_DIMENSION).fill(0);

/** The ridge per stage; `rings` the trees' recent deliveries and ensembles (absent in states saved before them, or without). */
export type JointEtaModelSnapshot = Partial<Record<EtaStage, DecayedRidgeSnapshot>> & { rings?: Partial<Record<EtaStage, ResidualRingSnapshot>> };

/**
 * The trees' features: the ridge's (the weekday and the hour as numbers, unknowns apart), and what a linear fit cannot
 * read: the origin's and destination's zip3 (Brazil's CEPs run by region) and states, whether they are the same state
 * (session 9: the error splits by it with opposite signs), and the log of the stage's first forecast's median days.
 */
export const TREE_DIMENSION = 15;
/** An unknown value: below every known one, so a tree can split it off. */
const UNKNOWN = -1e9;
const TREE_GROUP: readonly (JointFeatureGroup | undefined)[] = [
  ...(['lead', 'lead', 'effects', 'effects', 'time', 'time', 'parcel', 'parcel', 'parcel'] as const),
  ...Array<undefined>(6).fill(undefined),
];
/** Brazil's states (UF), a fixed code each (an unknown one: UNKNOWN). */
const STATES = 'AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO'.split(' ');
/** A route's place codes (origin zip3, destination zip3, origin state, destination state, same state), once per route object. */
const ROUTE_CODES = new WeakMap<EtaRoute, Float64Array>();
const TREE_SCRATCH = new Float64Array(TREE_DIMENSION);

/**
 * The trees' ring and ensemble, chosen a priori: the last 5,000 deliveries of a stage or 90 days, whichever is smaller
 * (a sample of the recent past at a marketplace's volume; three half-lives of the ridge); retrained weekly (the issue's
 * baseline) or every 1,000 deliveries; first trained on 500 (8 leaves of at least 20, many times over). 50 trees of
 * depth 3, shrinkage 0.1: the ridge explains about a tenth of the residual's variance, a weak signal, so a small ensemble.
 */
export const JOINT_TREES: ResidualRingOptions = {
  level: false,
  capacity: 5000,
  maxAgeDays: 90,
  everyDays: 7,
  everyDeliveries: 1000,
  minRows: 500,
  trees: { trees: 50, depth: 3, shrinkage: 0.1, minLeaf: 20, bins: 32 },
};

/** Effective deliveries per stage before the fit is trusted, per coefficient fitted: the usual rule for a regression's sample. */
const MIN_WEIGHT_PER_COLUMN = 10;

/**
 * One online linear model per stage of y = log(actual remaining / median remaining) (capped, as every layer's)
 * on all the order's features at once (DecayedRidge), instead of separate layers that each assume the others
 * away. A forecast's remaining time is multiplied by exp(fit), capped at 1/2..2. Online, past deliveries only.
 */
export class JointEtaModel {
  private readonly stages: Partial<Record<EtaStage, DecayedRidge>> = {};
  private readonly rings: Partial<Record<EtaStage, ResidualRing>> = {};
  private readonly kept: readonly boolean[];
  private readonly minWeight: number;
  private readonly treeKept: readonly boolean[];

  constructor(
    private readonly halfLifeDays: number,
    private readonly strength: number,
    without: readonly JointFeatureGroup[] = [],
    /** The trees' ring and ensemble, blended with the ridge (the mean of the two fits); undefined: the ridge alone. */
    private readonly trees?: ResidualRingOptions,
  ) {
    this.kept = GROUP_OF.map((g) => !without.includes(g));
    this.minWeight = MIN_WEIGHT_PER_COLUMN * this.kept.filter(Boolean).length;
    this.treeKept = TREE_GROUP.map((g) => g === undefined || !without.includes(g));
  }

  /** The trees' ring of a stage (undefined without trees or before its first delivery). */
  ringOf(stage: EtaStage): ResidualRing | undefined {
    return this.rings[stage];
  }

  /** The trees' features of a forecast or a delivery, into `out`. */
  treeFeatures(inputs: JointInputs, out: Float64Array = new Float64Array(TREE_DIMENSION)): Float64Array {
    const k = this.treeKept;
    const v = (i: number, x: number | undefined): number => (k[i] && x !== undefined && Number.isFinite(x) ? x : UNKNOWN);
    out[0] = v(0, inputs.promiseLead);
    out[1] = v(1, inputs.deadlineLead);
    out[2] = v(2, inputs.sellerEffect);
    out[3] = v(3, inputs.cityEffect);
    const local = localMs(inputs);
    out[4] = v(4, weekdayOf(local));
    out[5] = v(5, dayFractionOf(local) * 24);
    out[6] = v(6, logItems(inputs));
    out[7] = v(7, logValue(inputs));
    out[8] = v(8, logFreight(inputs));
    const codes = inputs.route ? routeCodes(inputs.route) : undefined;
    for (let i = 0; i < 5; i++) out[9 + i] = codes ? codes[i] : UNKNOWN;
    out[14] = v(14, inputs.firstMedianDays !== undefined && inputs.firstMedianDays > 0 ? Math.log(inputs.firstMedianDays) : undefined);
    return out;
  }

  /** The features of a forecast or a delivery, in full (the fit's columns). */
  features(stage: EtaStage, inputs: JointInputs): number[] {
    return this.read(this.ridgeOf(stage), inputs, new Array<number>(JOINT_DIMENSION));
  }

  /** What the fit multiplies a forecast's remaining time by (1 until enough deliveries are known). */
  factor(stage: EtaStage, inputs: JointInputs): number {
    const ridge = this.stages[stage];
    if (!ridge || ridge.weight < this.minWeight) return 1;
    const x = this.read(ridge, inputs, SCRATCH);
    const { beta, mean } = ridge.fit();
    let fit = 0; // centred: (x - mean x) . beta
    for (let i = 0; i < JOINT_DIMENSION; i++) fit += (x[i] - mean[i]) * beta[i];
    // the trees, once trained, read beside it: the mean of the two fits (both centred)
    const tree = this.rings[stage]?.predict(this.treeFeatures(inputs, TREE_SCRATCH));
    return cappedFactor(tree === undefined ? fit : (fit + tree) / 2);
  }

  /**
   * How much a forecast's spread around its median keeps (in log time): the groups' histograms hold the spread of all
   * their parcels, and the share of it the features explain is no longer uncertain once they are read:
   * sqrt(1 - explained share). 1 until enough deliveries are known.
   */
  spreadScale(stage: EtaStage): number {
    const ridge = this.stages[stage];
    if (!ridge || ridge.weight < this.minWeight) return 1;
    return Math.sqrt(1 - ridge.explainedShare());
  }

  /**
   * A stage ended at `atMs` (model time); `logRatio` is log(actual remaining / the stage's first forecast's raw median),
   * `inputs` the features as its forecasts read them (the effects as of now, before they learn this delivery).
   */
  record(stage: EtaStage, inputs: JointInputs, logRatio: number, atMs: number): void {
    const ridge = this.ridgeOf(stage);
    const y = Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logRatio));
    ridge.record(this.read(ridge, inputs, new Array<number>(JOINT_DIMENSION)), y, atMs);
    if (this.trees) (this.rings[stage] ??= new ResidualRing(TREE_DIMENSION, this.trees)).record(this.treeFeatures(inputs, TREE_SCRATCH), y, atMs);
  }

  snapshot(): JointEtaModelSnapshot {
    const out: JointEtaModelSnapshot = {};
    for (const [stage, ridge] of Object.entries(this.stages)) out[stage as EtaStage] = ridge.snapshot();
    const rings = Object.entries(this.rings);
    if (rings.length > 0) out.rings = Object.fromEntries(rings.map(([stage, ring]) => [stage, ring.snapshot()]));
    return out;
  }

  static restore(
    snapshot: JointEtaModelSnapshot | undefined,
    halfLifeDays: number,
    strength: number,
    without: readonly JointFeatureGroup[] = [],
    trees?: ResidualRingOptions,
  ): JointEtaModel {
    const out = new JointEtaModel(halfLifeDays, strength, without, trees);
    for (const stage of ETA_STAGES) {
      const s = snapshot?.[stage];
      if (s) out.stages[stage] = DecayedRidge.restore(s, JOINT_DIMENSION, halfLifeDays, strength);
      const r = snapshot?.rings?.[stage];
      if (trees && r) out.rings[stage] = ResidualRing.restore(r, TREE_DIMENSION, trees);
    }
    return out;
  }

  /** `inputs` as the fit's columns, into `out`: the weekday as six dummies, Monday to Saturday (Sunday is the base). */
  private read(ridge: DecayedRidge, inputs: JointInputs, out: number[]): number[] {
    out[0] = this.known(ridge, inputs.promiseLead, 0);
    out[1] = this.known(ridge, inputs.deadlineLead, 1);
    out[2] = this.known(ridge, inputs.sellerEffect, 2);
    out[3] = this.known(ridge, inputs.cityEffect, 3);
    const time = this.kept[HOUR];
    // zoneOffsetMs is cached per zone and hour: a Map read, no date formatting
    const local = time ? localMs(inputs) : 0;
    const weekday = weekdayOf(local);
    for (let d = 1; d <= 6; d++) out[MONDAY + d - 1] = time && weekday === d ? 1 : 0;
    const hour = dayFractionOf(local) * 2 * Math.PI;
    out[HOUR] = time ? Math.sin(hour) : 0;
    out[HOUR + 1] = time ? Math.cos(hour) : 0;
    out[12] = this.known(ridge, logItems(inputs), 12);
    out[13] = this.known(ridge, logValue(inputs), 13);
    out[14] = this.known(ridge, logFreight(inputs), 14);
    out[15] = this.known(ridge, inputs.firstMedianDays !== undefined ? Math.log(Math.max(inputs.firstMedianDays, MIN_MEDIAN_DAYS)) : undefined, 15);
    return out;
  }

  /** A column's value: left out, a constant (no spread, no coefficient); unknown, the mean (no effect). */
  private known(ridge: DecayedRidge, v: number | undefined, column: number): number {
    return !this.kept[column] ? 0 : v !== undefined && Number.isFinite(v) ? v : ridge.meanOf(column);
  }

  private ridgeOf(stage: EtaStage): DecayedRidge {
    return (this.stages[stage] ??= new DecayedRidge(JOINT_DIMENSION, this.halfLifeDays, this.strength));
  }
}

/** The route's place codes for the trees (UNKNOWN where a place lacks one), worked out once per route object. */
function routeCodes(route: EtaRoute): Float64Array {
  let codes = ROUTE_CODES.get(route);
  if (codes) return codes;
  const { origin: o, destination: d } = route;
  const zip3 = (zip: string | undefined): number => (zip && /^\d{3}/.test(zip) ? Number(zip.slice(0, 3)) : UNKNOWN);
  const state = (uf: string | undefined): number => (uf && STATES.includes(uf) ? STATES.indexOf(uf) : UNKNOWN);
  const same = o.state && d.state ? (o.state === d.state ? 1 : 0) : UNKNOWN;
  codes = Float64Array.from([zip3(o.zipPrefix), zip3(d.zipPrefix), state(o.state), state(d.state), same]);
  ROUTE_CODES.set(route, codes);
  return codes;
}

/** The trees' ring and ensemble a configuration asks for (EtaModelConfig.jointTrees); undefined: none. */
export function jointTreesOf(mode: 'off' | 'centred' | 'level'): ResidualRingOptions | undefined {
  return mode === 'off' ? undefined : { ...JOINT_TREES, level: mode === 'level' };
}

/** The stage's start in the customer's local time (epoch ms shifted by the zone's offset; zoneOffsetMs is cached). */
function localMs(inputs: JointInputs): number {
  return inputs.startedMs + zoneOffsetMs(inputs.startedMs, inputs.timeZone);
}

/** The local weekday, 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
function weekdayOf(localMs: number): number {
  return (((Math.floor(localMs / MS_PER_DAY) + 4) % 7) + 7) % 7;
}

/** How far into its local day `localMs` is, 0..1. */
function dayFractionOf(localMs: number): number {
  return (((localMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY;
}

/** The parcel's columns, read alike by the ridge and the trees: undefined where OrderPlaced did not say. */
function logItems({ itemCount }: JointInputs): number | undefined {
  return itemCount !== undefined && itemCount > 0 ? Math.log(itemCount) : undefined;
}
function logValue({ priceTotal }: JointInputs): number | undefined {
  return priceTotal !== undefined && priceTotal >= 0 ? Math.log1p(priceTotal) : undefined;
}
function logFreight({ freightTotal }: JointInputs): number | undefined {
  return freightTotal !== undefined && freightTotal >= 0 ? Math.log1p(freightTotal) : undefined;
}
