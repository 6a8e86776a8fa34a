import type { EtaStage } from './eta-route';
import { DecayedRidge, type DecayedRidgeSnapshot } from './decayed-ridge';
import { cappedFactor, MAX_LOG_RESIDUAL } from './forecast-residual';
import { zoneOffsetMs } from '../shared/zone-offset';

const MS_PER_DAY = 86_400_000;

/**
 * The joint model's features, by group (a group can be left out: `EtaModelConfig.jointWithout`):
 * `lead` the promise's and the hand-over deadline's leads against the forecast's median (LeadFeature.leadOf);
 * `effects` the seller's and the destination city's shrunk effects (EtaEffects); `time` the weekday and hour the
 * stage began (local); `parcel` the item count and the parcel's value and freight (freight prices distance and weight).
 */
export const JOINT_FEATURE_GROUPS = ['lead', 'effects', 'time', 'parcel'] as const;
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
];
export const JOINT_DIMENSION = GROUP_OF.length;

/** What a stage's first forecast knows of the order, besides the learner's groups. */
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
}>;

/**
 * A stage's first forecast as the joint model read it, kept with the open order, so compact (11 numbers, not the 15
 * features): the promise's and the deadline's leads, the seller's and the city's effects, the local weekday (0 Sunday
 * to 6; -1 left out), the hour's sine and cosine, log items, log(1 + value), log(1 + freight), and last the log factor
 * of the layers it sits on (`top`; 0 alone: jointOffsetOf).
 */
export type JointReading = readonly number[];
const WEEKDAY = 4;
const OFFSET = 10;
/** The reading's place for each of the other features (the weekday's six dummies are read off WEEKDAY). */
const PLACE_OF = [0, 1, 2, 3, -1, -1, -1, -1, -1, -1, 5, 6, 7, 8, 9];

/** The log factor of the layers a reading's forecast sat on: taken off its residual. */
export const jointOffsetOf = (reading: JointReading): number => reading[OFFSET];

export type JointEtaModelSnapshot = Partial<Record<EtaStage, DecayedRidgeSnapshot>>;

/** Effective deliveries per stage before the fit is trusted: ten per coefficient, the usual rule for a regression's sample. */
const MIN_WEIGHT = 10 * JOINT_DIMENSION;

/**
 * One online linear model per stage of y = log(actual remaining / median remaining) (capped, as every layer's)
 * on all the order's features at once (DecayedRidge), instead of separate layers that each assume the others
 * away. A forecast's remaining time is multiplied by exp(fit), capped at 1/2..2. Online, past deliveries only.
 */
export class JointEtaModel {
  private readonly stages: Partial<Record<EtaStage, DecayedRidge>> = {};
  private readonly kept: readonly boolean[];

  constructor(
    private readonly halfLifeDays: number,
    private readonly strength: number,
    without: readonly JointFeatureGroup[] = [],
  ) {
    this.kept = GROUP_OF.map((g) => !without.includes(g));
  }

  /** The features of a stage's first forecast, in full (the fit's columns). */
  features(stage: EtaStage, inputs: JointInputs): number[] {
    return expanded(this.reading(stage, inputs));
  }

  /** The compact reading of a stage's first forecast (JointReading), `offset` the log factor of the layers under it. */
  reading(stage: EtaStage, inputs: JointInputs, offset = 0): JointReading {
    const ridge = this.ridgeOf(stage);
    const local = inputs.startedMs + zoneOffsetMs(inputs.startedMs, inputs.timeZone);
    const weekday = (((Math.floor(local / MS_PER_DAY) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    const hour = ((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY) * 2 * Math.PI;
    const known = (v: number | undefined, column: number): number =>
      // left out: a constant (no spread, no coefficient); unknown: the mean (no effect)
      !this.kept[column] ? 0 : v !== undefined && Number.isFinite(v) ? v : ridge.meanOf(column);
    const time = this.kept[WEEKDAY];
    return [
      known(inputs.promiseLead, 0),
      known(inputs.deadlineLead, 1),
      known(inputs.sellerEffect, 2),
      known(inputs.cityEffect, 3),
      time ? weekday : -1,
      time ? Math.sin(hour) : 0,
      time ? Math.cos(hour) : 0,
      known(inputs.itemCount !== undefined && inputs.itemCount > 0 ? Math.log(inputs.itemCount) : undefined, 12),
      known(inputs.priceTotal !== undefined && inputs.priceTotal >= 0 ? Math.log1p(inputs.priceTotal) : undefined, 13),
      known(inputs.freightTotal !== undefined && inputs.freightTotal >= 0 ? Math.log1p(inputs.freightTotal) : undefined, 14),
      offset,
    ];
  }

  /** What the fit multiplies the remaining time of a forecast read as `reading` by (1 until enough deliveries are known). */
  factor(stage: EtaStage, reading: JointReading): number {
    const ridge = this.stages[stage];
    if (!ridge || ridge.weight < MIN_WEIGHT) return 1;
    const { beta, mean } = ridge.fit();
    let fit = 0; // (x - mean x) . beta over the full columns, in their order, without building x
    for (let i = 0; i < JOINT_DIMENSION; i++) {
      const place = PLACE_OF[i];
      fit += ((place >= 0 ? reading[place] : reading[WEEKDAY] === i - 3 ? 1 : 0) - mean[i]) * beta[i];
    }
    return cappedFactor(fit);
  }

  /**
   * How much a forecast's spread around its median keeps (in log time): the groups' histograms hold the spread of all
   * their parcels, and the share of it the features explain is no longer uncertain once they are read:
   * sqrt(1 - explained share). 1 until enough deliveries are known.
   */
  spreadScale(stage: EtaStage): number {
    const ridge = this.stages[stage];
    if (!ridge || ridge.weight < MIN_WEIGHT) return 1;
    return Math.sqrt(1 - ridge.explainedShare());
  }

  /** A stage ended at `actualMs` (model time); `logRatio` is log(actual remaining / the first forecast's raw median). */
  record(stage: EtaStage, reading: JointReading, logRatio: number, atMs: number): void {
    const y = Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logRatio - reading[OFFSET]));
    this.ridgeOf(stage).record(expanded(reading), y, atMs);
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

  private ridgeOf(stage: EtaStage): DecayedRidge {
    return (this.stages[stage] ??= new DecayedRidge(JOINT_DIMENSION, this.halfLifeDays, this.strength));
  }
}

/** A reading's full feature vector: the weekday as six dummies, Monday to Saturday (Sunday is the base). */
function expanded(reading: JointReading): number[] {
  return PLACE_OF.map((place, i) => (place >= 0 ? reading[place] : reading[WEEKDAY] === i - 3 ? 1 : 0));
}
