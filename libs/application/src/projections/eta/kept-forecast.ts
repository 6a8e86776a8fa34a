import type { CalendarDate, DelayForecast, EtaDates, EtaPrediction } from '@ot/domain';

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
