import type { CalendarDate, Instant } from '../shared/event';
import type { ForecastSpread } from './eta-calibration';
import type { EtaEffects } from './eta-effects';
import type { EtaModelConfig } from './eta-model.config';
import type { EtaRoute, EtaStage } from './eta-route';
import type { JointInputs } from './joint-eta-model';
import { LeadFeature } from './lead-feature';
import type { ModelTime } from './model-time';
import { endOfLocalDay } from './zoned-time';

/** What an open order keeps that the joint model reads (OrderPlaced's fields, its route and stage). */
export type JointOrderFacts = Readonly<{
  route: EtaRoute;
  stage: EtaStage;
  promisedBy?: CalendarDate;
  handOverBy?: Instant;
  itemCount?: number;
  priceTotal?: number;
  freightTotal?: number;
}>;

/**
 * The joint model's features of an order in its stage, read again whenever needed instead of kept: the promise's and
 * the hand-over deadline's leads against the stage's first forecast (`first`, kept for the calibration), the seller's
 * and the city's effects as of `nowMs` (model time), the stage's start (`startedMs`, calendar), the parcel.
 */
export function jointInputsOf(
  order: JointOrderFacts,
  startedMs: number,
  first: ForecastSpread,
  nowMs: number,
  time: ModelTime,
  { timeZone, promiseLead }: EtaModelConfig,
  effects: EtaEffects | undefined,
): JointInputs {
  const promiseEnd = order.promisedBy !== undefined ? endOfLocalDay(order.promisedBy, timeZone) : undefined;
  const deadlineMs = order.stage === 'handoff' && order.handOverBy !== undefined ? Date.parse(order.handOverBy) : undefined;
  const deadline = deadlineMs !== undefined && (promiseEnd === undefined || deadlineMs <= promiseEnd) ? deadlineMs : undefined; // beyond the promise: none
  const keyed = effects ? effects.keyEffects(order.stage, order.route, nowMs) : NO_EFFECTS;
  return {
    promiseLead: promiseLead && promiseEnd !== undefined ? LeadFeature.leadOf(first, time.toModel(promiseEnd)) : undefined,
    deadlineLead: deadline !== undefined ? LeadFeature.leadOf(first, time.toModel(deadline)) : undefined,
    sellerEffect: keyed.seller,
    cityEffect: keyed.city,
    startedMs,
    timeZone,
    itemCount: order.itemCount,
    priceTotal: order.priceTotal,
    freightTotal: order.freightTotal,
    route: order.route,
    firstMedianDays: (first.medianMs - first.atMs) / MS_PER_DAY,
  };
}

const MS_PER_DAY = 86_400_000;
const NO_EFFECTS = { seller: 0, city: 0 };
