import type { EtaStage, ForecastSpread, Instant } from '@ot/domain';

/**
 * An open order's numbers: its instants as epoch ms, the promise's lead read at its first forecast, that forecast's
 * spread in each stage (atMs, lowerMs, medianMs, upperMs), and the latest forecast's confidence, next news due and
 * instant made (its days: KeptForecast), and what the parcel is (OrderPlaced's item count, price and freight, absent
 * in older events). NaN: not set. V8 boxes a double held in an object field (24 B a field) and an ISO instant is a
 * 40 B string; here each is 8 B. Every open order's COUNT numbers sit in one slab (`OrderNumberSlab`) from the
 * order's `at`: one array per order cost 48 B more of V8 heap (its header and length) and a million small objects.
 * The accessors below read `n` from `at` (0: an array of COUNT numbers of its own, as saved).
 */
export type OrderNumbers = number[];
/** Numbers to read: an order's slab from its `at`, or an array of COUNT (as saved). */
type Numbers = ArrayLike<number>;
/** A slab's numbers as saved: a Float64Array, or what JSON makes of one (an object by index, NaN as null). */
export type SavedNumbers = Float64Array | readonly (number | null)[] | Readonly<Record<string, number | null>>;
/** Numbers to write. */
type WritableNumbers = { [i: number]: number; readonly length: number };

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
export const COUNT = 21;

/** What the parcel is, as OrderPlaced tells it. */
type Parcel = Readonly<{ itemCount?: number; priceTotal?: number; freightTotal?: number }>;

/** The numbers of an order placed at `placedMs` (its hand-over deadline: NaN when none), before any forecast. */
export function orderNumbers(placedMs: number, handOverByMs: number, parcel: Parcel = {}): OrderNumbers {
  const n = new Array<number>(COUNT).fill(NaN);
  setPlacedNumbers(n, placedMs, handOverByMs, parcel);
  return n;
}

/** Writes the numbers of an order placed at `placedMs` (hand-over deadline NaN when none) from `at`, before any forecast. */
function setPlacedNumbers(n: WritableNumbers, placedMs: number, handOverByMs: number, parcel: Parcel, at = 0): void {
  const { itemCount = NaN, priceTotal = NaN, freightTotal = NaN } = parcel;
  for (let i = 0; i < COUNT; i++) n[at + i] = NaN;
  n[at + PLACED] = n[at + STAGE_STARTED] = n[at + STATUS] = n[at + LAST_NEWS] = placedMs;
  n[at + HAND_OVER_BY] = handOverByMs;
  n[at + LEAD_READ] = 0;
  n[at + ITEM_COUNT] = itemCount;
  n[at + PRICE_TOTAL] = priceTotal;
  n[at + FREIGHT_TOTAL] = freightTotal;
}

/**
 * Every open order's numbers, COUNT doubles per order in one Float64Array (off V8's heap: no object per order, no
 * boxing), a slot per order handed out by `take` and given back by `release`. `values` is replaced when it grows:
 * read it again after a take. Pages of the array never written are never resident.
 */
export class OrderNumberSlab {
  values = new Float64Array(COUNT * 1024);
  private readonly free: number[] = [];
  /** Slots released since the last take: given out again only then, so a closed order's numbers stay readable until the next order opens. */
  private readonly releasing: number[] = [];
  /** The first index never handed out. */
  private end = 0;

  /** A slot (the index of its first number) holding the numbers of an order placed at `placedMs`. */
  take(placedMs: number, handOverByMs: number, parcel: Parcel = {}): number {
    const at = this.slot();
    setPlacedNumbers(this.values, placedMs, handOverByMs, parcel, at);
    return at;
  }

  /** A slot holding saved numbers (an array of COUNT; null for NaN, as JSON gives it back). */
  restore(saved: ArrayLike<number | null>, from = 0): number {
    const at = this.slot();
    for (let i = 0; i < COUNT; i++) {
      const v = saved[from + i];
      this.values[at + i] = typeof v === 'number' ? v : NaN;
    }
    return at;
  }

  release(at: number): void {
    this.releasing.push(at);
  }

  /**
   * Holds saved numbers (`savedNumbers()` of a slab) at the same indices, every slot taken; `freeAllBut` then gives
   * back those no order holds. A restored order keeps its `at`, so its state saves again as it was saved.
   */
  load(saved: SavedNumbers): void {
    if (this.end !== 0) throw new Error('load() is for an empty slab');
    // as saved (v8 or structuredClone), or through JSON: an object by index, NaN as null
    const list: ArrayLike<number | null> = ArrayBuffer.isView(saved) || Array.isArray(saved) ? saved : Object.values(saved);
    const slots = Math.floor(list.length / COUNT);
    this.values = new Float64Array(Math.max(COUNT * 1024, slots * COUNT));
    if (list instanceof Float64Array) this.values.set(list.subarray(0, slots * COUNT));
    else for (let i = 0; i < slots * COUNT; i++) this.values[i] = typeof list[i] === 'number' ? (list[i] as number) : NaN;
    this.end = slots * COUNT;
  }

  /** After load(): every slot below the loaded end that is not in `held` (indices) is free again. */
  freeAllBut(held: ReadonlySet<number>): void {
    for (let at = this.end - COUNT; at >= 0; at -= COUNT) if (!held.has(at)) this.free.push(at);
  }

  /** The numbers of the slot at `at` in an array of their own (as saved). */
  copy(at: number): OrderNumbers {
    return Array.from(this.values.subarray(at, at + COUNT));
  }

  /** Slots handed out and not released, times COUNT: the part of `values` in use ends before `end`. */
  get length(): number {
    return this.end;
  }

  private slot(): number {
    for (const at of this.releasing) this.free.push(at);
    this.releasing.length = 0;
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.end + COUNT > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values.subarray(0, this.end));
      this.values = grown;
    }
    const at = this.end;
    this.end += COUNT;
    return at;
  }
}

/** A number that may be absent (NaN here): undefined when it is. */
export function optionalNumber(n: Numbers, i: number, at = 0): number | undefined {
  return Number.isNaN(n[at + i]) ? undefined : n[at + i];
}

/** What OrderPlaced told beside the route, as the ETA model's facts take it: the hand-over deadline and the parcel. */
export function placedFactsOf(n: Numbers, at = 0): { handOverBy?: Instant; itemCount?: number; priceTotal?: number; freightTotal?: number } {
  return {
    handOverBy: Number.isNaN(n[at + HAND_OVER_BY]) ? undefined : new Date(n[at + HAND_OVER_BY]).toISOString(),
    itemCount: optionalNumber(n, ITEM_COUNT, at),
    priceTotal: optionalNumber(n, PRICE_TOTAL, at),
    freightTotal: optionalNumber(n, FREIGHT_TOTAL, at),
  };
}

/** Saved numbers (NaN may come back as null from JSON) in a fresh array. */
export function orderNumbersFrom(saved: readonly (number | null)[]): OrderNumbers {
  const out = new Array<number>(COUNT);
  for (let i = 0; i < COUNT; i++) out[i] = typeof saved[i] === 'number' ? (saved[i] as number) : NaN;
  return out;
}

/** The promise's lead read at the first forecast: undefined before it, null when the promise had no lead left. */
export function placementLeadOf(n: Numbers, at = 0): number | null | undefined {
  return n[at + LEAD_READ] === 0 ? undefined : n[at + LEAD_READ] === 1 ? null : n[at + LEAD];
}

export function setPlacementLead(n: WritableNumbers, lead: number | null, at = 0): void {
  n[at + LEAD_READ] = lead === null ? 1 : 2;
  n[at + LEAD] = lead ?? NaN;
}

/** The latest forecast's numbers (its days are the order's `forecast`). */
export function setForecastNumbers(n: WritableNumbers, confidence: number, nextEventDueMs: number, predictedAtMs: number, at = 0): void {
  n[at + CONFIDENCE] = confidence;
  n[at + NEXT_EVENT_DUE] = nextEventDueMs;
  n[at + PREDICTED_AT] = predictedAtMs;
}

export function hasStageSpread(n: Numbers, stage: EtaStage, at = 0): boolean {
  return !Number.isNaN(n[at + SPREAD[stage]]);
}

export function stageSpreadOf(n: Numbers, stage: EtaStage, at = 0): ForecastSpread | undefined {
  if (!hasStageSpread(n, stage, at)) return undefined;
  const i = at + SPREAD[stage];
  return { atMs: n[i], lowerMs: n[i + 1], medianMs: n[i + 2], upperMs: n[i + 3] };
}

export function setStageSpread(n: WritableNumbers, stage: EtaStage, s: ForecastSpread, at = 0): void {
  const i = at + SPREAD[stage];
  n[i] = s.atMs;
  n[i + 1] = s.lowerMs;
  n[i + 2] = s.medianMs;
  n[i + 3] = s.upperMs;
}

/**
 * Stage spreads as states saved before the numbers were packed kept them: an array of 8 (handoff's four, then
 * transit's; NaN or null where none), or, earlier, an object with a spread per stage.
 */
export function setSavedStageSpreads(n: WritableNumbers, saved: readonly (number | null)[] | Partial<Record<EtaStage, ForecastSpread>> | undefined): void {
  if (!saved) return;
  if (!Array.isArray(saved)) {
    for (const [stage, s] of Object.entries(saved) as [EtaStage, ForecastSpread | undefined][]) if (s) setStageSpread(n, stage, s);
    return;
  }
  const flat = saved as readonly (number | null)[];
  for (let i = 0; i < 8; i++) n[SPREAD.handoff + i] = typeof flat[i] === 'number' ? (flat[i] as number) : NaN;
}
