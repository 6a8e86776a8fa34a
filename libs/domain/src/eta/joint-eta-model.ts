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

/** A stage's first forecast as the joint model read it: the features and the log factor of the layers it sits on (0 alone). */
export type JointReading = Readonly<{ x: readonly number[]; offset: number }>;

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

  /** The feature vector of a stage's first forecast. */
  features(stage: EtaStage, inputs: JointInputs): number[] {
    const ridge = this.ridgeOf(stage);
    const local = inputs.startedMs + zoneOffsetMs(inputs.startedMs, inputs.timeZone);
    const weekday = (((Math.floor(local / MS_PER_DAY) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    const hour = ((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY) * 2 * Math.PI;
    const raw = [
      inputs.promiseLead,
      inputs.deadlineLead,
      inputs.sellerEffect,
      inputs.cityEffect,
      ...[1, 2, 3, 4, 5, 6].map((d) => (weekday === d ? 1 : 0)),
      Math.sin(hour),
      Math.cos(hour),
      inputs.itemCount !== undefined && inputs.itemCount > 0 ? Math.log(inputs.itemCount) : undefined,
      inputs.priceTotal !== undefined && inputs.priceTotal >= 0 ? Math.log1p(inputs.priceTotal) : undefined,
      inputs.freightTotal !== undefined && inputs.freightTotal >= 0 ? Math.log1p(inputs.freightTotal) : undefined,
    ];
    // left out: a constant (no spread, no coefficient); unknown: the mean (no effect)
    return raw.map((v, i) => (!this.kept[i] ? 0 : v !== undefined && Number.isFinite(v) ? v : ridge.meanOf(i)));
  }

  /** The log factor the fit puts on a forecast with features `x` (0 until enough deliveries are known). */
  logFactor(stage: EtaStage, x: readonly number[]): number {
    const ridge = this.stages[stage];
    if (!ridge || ridge.weight < MIN_WEIGHT) return 0;
    return Math.log(cappedFactor(ridge.predict(x)));
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
    const y = Math.max(-MAX_LOG_RESIDUAL, Math.min(MAX_LOG_RESIDUAL, logRatio - reading.offset));
    this.ridgeOf(stage).record(reading.x, y, atMs);
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
