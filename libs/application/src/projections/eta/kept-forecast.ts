import type { CalendarDate, DelayForecast, EtaDates, EtaPrediction, EtaStage, ForecastSpread } from '@ot/domain';

/** Dates as an open order keeps them: the window's two days flat, no object of their own. */
export type KeptDates = Readonly<{ expected: CalendarDate; by: CalendarDate; earliest: CalendarDate; latest: CalendarDate }>;

/**
 * The latest forecast as an open order keeps it: what its document and the delay rules read, instants as
 * epoch ms. The whole prediction (window, spread, feature values, two ISO strings) cost about 150 B more per
 * open order, and its spread is only read at the stage's first forecast (stage spreads below).
 */
export type KeptForecast = KeptDates &
  Readonly<{
    likelyNotBefore: CalendarDate;
    confidence: number;
    nextEventDueMs: number;
    predictedAtMs: number;
  }>;

/** A forecast made at `predictedAtMs`, or as saved (without nextEventDueMs before it was kept): what it keeps. */
export function keptForecast(
  p: Pick<EtaPrediction, 'window' | 'likelyNotBefore' | 'confidence' | 'nextEventDueBy'> & Partial<Pick<EtaPrediction, 'nextEventDueMs'>> & EtaDates,
  predictedAtMs: number,
): KeptForecast {
  return {
    expected: p.expected,
    by: p.by,
    earliest: p.window.earliest,
    latest: p.window.latest,
    likelyNotBefore: p.likelyNotBefore,
    confidence: p.confidence,
    nextEventDueMs: p.nextEventDueMs ?? Date.parse(p.nextEventDueBy),
    predictedAtMs,
  };
}

export function keptDates(d: EtaDates): KeptDates {
  return { expected: d.expected, by: d.by, earliest: d.window.earliest, latest: d.window.latest };
}

/** The kept forecast as the delay rules read it (built per judgement, not kept). Its instants came from toISOString: printed back the same. */
export function delayForecastOf(f: KeptForecast): DelayForecast {
  return {
    expected: f.expected,
    by: f.by,
    window: { earliest: f.earliest, latest: f.latest },
    likelyNotBefore: f.likelyNotBefore,
    nextEventDueBy: new Date(f.nextEventDueMs).toISOString(),
    predictedAt: new Date(f.predictedAtMs).toISOString(),
  };
}

export function sameKeptDates(a: KeptDates, b: KeptDates): boolean {
  return a.expected === b.expected && a.by === b.by && a.earliest === b.earliest && a.latest === b.latest;
}

/**
 * The first forecast's spread in each stage, in one array of doubles: the hand-over's atMs, lowerMs, medianMs,
 * upperMs, then the transit's, NaN where the stage had no forecast yet (an object per spread and one holding
 * them cost about 160-280 B per open order, this array about 110).
 */
export type StageSpreads = number[];
const FIRST: Record<EtaStage, number> = { handoff: 0, transit: 4 };
const none = (): StageSpreads => [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]; // a literal: packed doubles, exactly 8

export function hasStageSpread(spreads: StageSpreads | undefined, stage: EtaStage): boolean {
  return spreads !== undefined && !Number.isNaN(spreads[FIRST[stage]]);
}

export function stageSpreadOf(spreads: StageSpreads | undefined, stage: EtaStage): ForecastSpread | undefined {
  if (!spreads || !hasStageSpread(spreads, stage)) return undefined;
  const i = FIRST[stage];
  return { atMs: spreads[i], lowerMs: spreads[i + 1], medianMs: spreads[i + 2], upperMs: spreads[i + 3] };
}

/** `spreads` with the stage's spread set (changed in place when there is one already). */
export function withStageSpread(spreads: StageSpreads | undefined, stage: EtaStage, s: ForecastSpread): StageSpreads {
  const out = spreads ?? none();
  const i = FIRST[stage];
  out[i] = s.atMs;
  out[i + 1] = s.lowerMs;
  out[i + 2] = s.medianMs;
  out[i + 3] = s.upperMs;
  return out;
}

/**
 * Stage spreads as saved: this array (NaN may come back as null from JSON), or, in states saved before,
 * an object with a spread per stage. A fresh literal either way, so the elements are unboxed doubles again.
 */
export function stageSpreadsFrom(saved: readonly (number | null)[] | Partial<Record<EtaStage, ForecastSpread>> | undefined): StageSpreads | undefined {
  if (!saved) return undefined;
  let out = none();
  if (Array.isArray(saved)) saved.forEach((v, i) => (out[i] = typeof v === 'number' ? v : NaN));
  else for (const [stage, s] of Object.entries(saved) as [EtaStage, ForecastSpread | undefined][]) if (s) out = withStageSpread(out, stage, s);
  return out;
}
