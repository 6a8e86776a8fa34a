import type { JointFeatureGroup } from './joint-eta-model';

/**
 * The model's few knobs, chosen from what they mean, not fitted to a data file.
 * Quantiles: the median minimises the expected error in days; 0.95 is what we dare to
 * promise; 0.10..0.90 is an 80% window; a stage is "overdue" past its 0.97 quantile
 * (about one normal parcel in thirty per stage would trip it); a delay is announced once it is
 * likely in the calibrated-language sense (IPCC: "likely" is 66% or more): two thirds of the
 * forecast after the promise (`likelyQuantile` 1/3 beyond it). The median alone warned at even odds.
 * Calibration looks at the last few hundred deliveries: enough for a 0.95 quantile to rest on about
 * fifteen late ones, recent enough to follow a season.
 */
export type EtaModelConfig = Readonly<{
  /** Observations lose half their weight after this long: a month follows a holiday peak within weeks. */
  halfLifeDays: number;
  /** Pseudo-observations a group borrows from its parent: with fewer own recent ones the parent dominates. */
  backoffStrength: number;
  /** Pseudo-observations the global group borrows from the prior. */
  priorStrength: number;
  /** Effective observations at which confidence reaches 0.5. */
  confidenceHalfAt: number;
  expectedQuantile: number;
  byQuantile: number;
  windowQuantiles: readonly [number, number];
  /**
   * Which interval the window shows: `equal-tailed` reads it at windowQuantiles; `shortest` shows the narrowest one
   * holding the same mass (windowQuantiles[1] - windowQuantiles[0]) of the same forecast: delivery times are skewed
   * to the right, so it sits a little earlier and is narrower. Scoring (spread, PITs) stays on windowQuantiles.
   */
  window: 'equal-tailed' | 'shortest';
  overdueQuantile: number;
  likelyQuantile: number;
  timeZone: string;
  /**
   * Recent deliveries per stage whose residuals calibrate the "by" day and the window (a few hundred); 0, the
   * default, keeps the model's own quantiles: on the Olist file calibration widened the promise (docs/ETA.md).
   */
  calibrationDeliveries: number;
  /** Read the merchant's promised day as a feature (LeadFeature): its lead against the model's median scales the forecast. */
  promiseLead: boolean;
  /** Recent deliveries per stage whose PITs move the window's levels toward its nominal coverage (WindowLevels); 0: the nominal levels. */
  windowCalibration: number;
  /** Read the seller's hand-over deadline the same way (a second LeadFeature, on what the promise left unexplained). */
  handOverLead: boolean;
  /** Scale each stage's remaining time by the seller's and the destination city's own effects (EtaEffects), learned from deliveries. */
  effects: boolean;
  /**
   * One online linear model of the log residual on all the order's features at once (JointEtaModel): `replace` instead of
   * the promise's lead and the effects' factors (they become its features; the default); `off`: the layers alone.
   */
  jointModel: 'off' | 'replace';
  /** Narrow each forecast's spread by what the joint model's features explain (JointEtaModel.spreadScale). */
  jointSpread: boolean;
  /** Feature groups the joint model leaves out (ablations). */
  jointWithout: readonly JointFeatureGroup[];
  /**
   * Blend the joint ridge with a small boosted-tree ensemble of the same residual, retrained weekly from a ring of
   * recent deliveries (JointEtaModel, JOINT_TREES): the mean of the two fits. Only with `jointModel: 'replace'`.
   * `centred`: the trees' deviation from their rows' mean, as the ridge's; `level`: with that mean (the recent level).
   */
  jointTrees: 'off' | 'centred' | 'level';
}>;

export const DEFAULT_ETA_CONFIG: EtaModelConfig = {
  halfLifeDays: 30,
  backoffStrength: 10,
  priorStrength: 3,
  confidenceHalfAt: 20,
  expectedQuantile: 0.5,
  byQuantile: 0.95,
  windowQuantiles: [0.1, 0.9],
  window: 'equal-tailed',
  overdueQuantile: 0.97,
  likelyQuantile: 1 / 3,
  timeZone: 'America/Sao_Paulo',
  calibrationDeliveries: 0,
  promiseLead: true,
  handOverLead: false,
  windowCalibration: 0,
  effects: true,
  jointModel: 'replace',
  jointSpread: true,
  jointWithout: [],
  jointTrees: 'level',
};
