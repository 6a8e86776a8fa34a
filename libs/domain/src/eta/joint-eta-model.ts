import type { EtaStage } from './eta-route';
import { DecayedRidge, type DecayedRidgeSnapshot } from './decayed-ridge';
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

export type JointEtaModelSnapshot = Partial<Record<EtaStage, DecayedRidgeSnapshot>>;

/** Effective deliveries per stage before the fit is trusted, per coefficient fitted: the usual rule for a regression's sample. */
const MIN_WEIGHT_PER_COLUMN = 10;

/**
 * One online linear model per stage of y = log(actual remaining / median remaining) (capped, as every layer's)
 * on all the order's features at once (DecayedRidge), instead of separate layers that each assume the others
 * away. A forecast's remaining time is multiplied by exp(fit), capped at 1/2..2. Online, past deliveries only.
 */
export class JointEtaModel {
  private readonly stages: Partial<Record<EtaStage, DecayedRidge>> = {};
  private readonly kept: readonly boolean[];
  private readonly minWeight: number;

  constructor(
    private readonly halfLifeDays: number,
    private readonly strength: number,
    without: readonly JointFeatureGroup[] = [],
  ) {
    this.kept = GROUP_OF.map((g) => !without.includes(g));
    this.minWeight = MIN_WEIGHT_PER_COLUMN * this.kept.filter(Boolean).length;
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
    return cappedFactor(fit);
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
    ridge.record(this.read(ridge, inputs, new Array<number>(JOINT_DIMENSION)), Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logRatio)), atMs);
  }

  snapshot(): JointEtaModelSnapshot {
    const out: JointEtaModelSnapshot = {};
    for (const [stage, ridge] of Object.entries(this.stages)) out[stage as EtaStage] = ridge.snapshot();
    return out;
  }

  static restore(
    snapshot: JointEtaModelSnapshot | undefined,
    halfLifeDays: number,
    strength: number,
    without: readonly JointFeatureGroup[] = [],
  ): JointEtaModel {
    const out = new JointEtaModel(halfLifeDays, strength, without);
    for (const [stage, s] of Object.entries(snapshot ?? {})) out.stages[stage as EtaStage] = DecayedRidge.restore(s, JOINT_DIMENSION, halfLifeDays, strength);
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
    const local = time ? inputs.startedMs + zoneOffsetMs(inputs.startedMs, inputs.timeZone) : 0;
    const weekday = (((Math.floor(local / MS_PER_DAY) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    for (let d = 1; d <= 6; d++) out[MONDAY + d - 1] = time && weekday === d ? 1 : 0;
    const hour = ((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY) * 2 * Math.PI;
    out[HOUR] = time ? Math.sin(hour) : 0;
    out[HOUR + 1] = time ? Math.cos(hour) : 0;
    out[12] = this.known(ridge, inputs.itemCount !== undefined && inputs.itemCount > 0 ? Math.log(inputs.itemCount) : undefined, 12);
    out[13] = this.known(ridge, inputs.priceTotal !== undefined && inputs.priceTotal >= 0 ? Math.log1p(inputs.priceTotal) : undefined, 13);
    out[14] = this.known(ridge, inputs.freightTotal !== undefined && inputs.freightTotal >= 0 ? Math.log1p(inputs.freightTotal) : undefined, 14);
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
