import { BIN_COUNT, BIN_DAYS, type Distribution, normalised } from './duration-distribution';
import type { EtaStage } from './eta-route';

/**
 * What the model believes before any delivery is seen: broad log-normals from general
 * knowledge of parcel logistics (a few days to hand over, about a week in transit), not
 * from any data file. They carry little weight (see EtaModelConfig.priorStrength), so the
 * first few deliveries override them; they also keep a thin long tail everywhere, so a
 * very late parcel still has a conditional forecast.
 */
const PRIOR_SHAPE: Record<EtaStage, { medianDays: number; sigma: number }> = {
  handoff: { medianDays: 2.5, sigma: 0.9 },
  transit: { medianDays: 7, sigma: 0.8 },
};

function logNormal(medianDays: number, sigma: number): Distribution {
  const out = new Float64Array(BIN_COUNT);
  const mu = Math.log(medianDays);
  for (let i = 0; i < BIN_COUNT; i++) {
    const x = (i + 0.5) * BIN_DAYS;
    out[i] = Math.exp(-((Math.log(x) - mu) ** 2) / (2 * sigma * sigma)) / x;
  }
  return normalised(out);
}

const PRIORS: Record<EtaStage, Distribution> = {
  handoff: logNormal(PRIOR_SHAPE.handoff.medianDays, PRIOR_SHAPE.handoff.sigma),
  transit: logNormal(PRIOR_SHAPE.transit.medianDays, PRIOR_SHAPE.transit.sigma),
};

export const priorFor = (stage: EtaStage): Distribution => PRIORS[stage];
