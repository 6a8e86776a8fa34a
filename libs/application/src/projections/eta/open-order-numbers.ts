import type { EtaStage, ForecastSpread, Instant } from '@ot/domain';

/**
 * An open order's numbers in one array of packed doubles: its instants as epoch ms, the promise's lead read at its
 * first forecast, that forecast's spread in each stage (atMs, lowerMs, medianMs, upperMs), and the latest
 * forecast's confidence, next news due and instant made (its days: KeptForecast), and what the parcel is (OrderPlaced's
 * item count, price and freight, absent in older events). NaN: not set. V8
 * boxes a double held in an object field (24 B a field) and an ISO instant is a 40 B string; here each is 8 B.
 */
export type OrderNumbers = number[];

/** Where each number sits. LEAD_READ: 0 before the first forecast read the promise's lead, 1 read as none (null), 2 read. */
export const PLACED = 0;
export const STAGE_STARTED = 1;
export const STATUS = 2;
export const LAST_NEWS = 3;
export const HAND_OVER_BY = 4;
const LEAD = 5;
const LEAD_READ = 6;
const SPREAD: Record<EtaStage, number> = { handoff: 7, transit: 11 };
export const CONFIDENCE = 15;
export const NEXT_EVENT_DUE = 16;
export const PREDICTED_AT = 17;
export const ITEM_COUNT = 18;
export const PRICE_TOTAL = 19;
export const FREIGHT_TOTAL = 20;
const COUNT = 21;

/** What the parcel is, as OrderPlaced tells it. */
type Parcel = Readonly<{ itemCount?: number; priceTotal?: number; freightTotal?: number }>;

/** The numbers of an order placed at `placedMs` (its hand-over deadline: NaN when none), before any forecast. */
export function orderNumbers(placedMs: number, handOverByMs: number, parcel: Parcel = {}): OrderNumbers {
  const { itemCount = NaN, priceTotal = NaN, freightTotal = NaN } = parcel;
  // a literal of doubles: packed, exactly COUNT elements, in the order of the slots above
  // prettier-ignore
  return [
    placedMs, placedMs, placedMs, placedMs, handOverByMs, // PLACED, STAGE_STARTED, STATUS, LAST_NEWS, HAND_OVER_BY
    NaN, 0, // LEAD, LEAD_READ
    NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, // SPREAD: handoff's four, transit's four
    NaN, NaN, NaN, // CONFIDENCE, NEXT_EVENT_DUE, PREDICTED_AT
    itemCount, priceTotal, freightTotal, // ITEM_COUNT, PRICE_TOTAL, FREIGHT_TOTAL
  ];
}

/** A number that may be absent (NaN here): undefined when it is. */
export function optionalNumber(n: OrderNumbers, i: number): number | undefined {
  return Number.isNaN(n[i]) ? undefined : n[i];
}

/** What OrderPlaced told beside the route, as the ETA model's facts take it: the hand-over deadline and the parcel. */
export function placedFactsOf(n: OrderNumbers): { handOverBy?: Instant; itemCount?: number; priceTotal?: number; freightTotal?: number } {
  return {
    handOverBy: Number.isNaN(n[HAND_OVER_BY]) ? undefined : new Date(n[HAND_OVER_BY]).toISOString(),
    itemCount: optionalNumber(n, ITEM_COUNT),
    priceTotal: optionalNumber(n, PRICE_TOTAL),
    freightTotal: optionalNumber(n, FREIGHT_TOTAL),
  };
}

/** Saved numbers (NaN may come back as null from JSON) in a fresh packed array. */
export function orderNumbersFrom(saved: readonly (number | null)[]): OrderNumbers {
  const out = orderNumbers(NaN, NaN);
  for (let i = 0; i < COUNT; i++) out[i] = typeof saved[i] === 'number' ? (saved[i] as number) : NaN;
  return out;
}

/** The promise's lead read at the first forecast: undefined before it, null when the promise had no lead left. */
export function placementLeadOf(n: OrderNumbers): number | null | undefined {
  return n[LEAD_READ] === 0 ? undefined : n[LEAD_READ] === 1 ? null : n[LEAD];
}

export function setPlacementLead(n: OrderNumbers, lead: number | null): void {
  n[LEAD_READ] = lead === null ? 1 : 2;
  n[LEAD] = lead ?? NaN;
}

/** The latest forecast's numbers (its days are the order's `forecast`). */
export function setForecastNumbers(n: OrderNumbers, confidence: number, nextEventDueMs: number, predictedAtMs: number): void {
  n[CONFIDENCE] = confidence;
  n[NEXT_EVENT_DUE] = nextEventDueMs;
  n[PREDICTED_AT] = predictedAtMs;
}

export function hasStageSpread(n: OrderNumbers, stage: EtaStage): boolean {
  return !Number.isNaN(n[SPREAD[stage]]);
}

export function stageSpreadOf(n: OrderNumbers, stage: EtaStage): ForecastSpread | undefined {
  if (!hasStageSpread(n, stage)) return undefined;
  const i = SPREAD[stage];
  return { atMs: n[i], lowerMs: n[i + 1], medianMs: n[i + 2], upperMs: n[i + 3] };
}

export function setStageSpread(n: OrderNumbers, stage: EtaStage, s: ForecastSpread): void {
  const i = SPREAD[stage];
  n[i] = s.atMs;
  n[i + 1] = s.lowerMs;
  n[i + 2] = s.medianMs;
  n[i + 3] = s.upperMs;
}

/**
 * Stage spreads as states saved before this array kept them: an array of 8 (handoff's four, then transit's; NaN or
 * null where none), or, earlier, an object with a spread per stage.
 */
export function setSavedStageSpreads(n: OrderNumbers, saved: readonly (number | null)[] | Partial<Record<EtaStage, ForecastSpread>> | undefined): void {
  if (!saved) return;
  if (!Array.isArray(saved)) {
    for (const [stage, s] of Object.entries(saved) as [EtaStage, ForecastSpread | undefined][]) if (s) setStageSpread(n, stage, s);
    return;
  }
  const flat = saved as readonly (number | null)[];
  for (let i = 0; i < 8; i++) n[SPREAD.handoff + i] = typeof flat[i] === 'number' ? (flat[i] as number) : NaN;
}
