import { type CalendarDate, type DelayForecast, type EtaDates, type EtaPrediction, InternTable } from '@ot/domain';
import { isoInstant } from './iso-instant';

/** Dates as an open order keeps them: the window's two days flat, no object of their own. */
export type KeptDates = Readonly<{ expected: CalendarDate; by: CalendarDate; earliest: CalendarDate; latest: CalendarDate }>;

/**
 * The latest forecast's days as an open order keeps them: what its document and the delay rules read. Its
 * confidence and instants sit in the order's numbers (OrderNumbers: a double in an object field is boxed). The
 * whole prediction (window, spread, feature values, two ISO strings) cost about 150 B more per open order.
 */
export type KeptForecast = KeptDates & Readonly<{ likelyNotBefore: CalendarDate }>;

/** The numbers a forecast keeps beside its days (in the order's numbers). */
export type ForecastNumbers = Readonly<{ confidence: number; nextEventDueMs: number; predictedAtMs: number }>;

/**
 * A forecast's days, as made or as saved: one shared object per distinct five days (orders forecast on one day
 * for one route get the same days), so an open order holds a pointer, not an object of its own (64 B each).
 */
export function keptForecast(p: Pick<EtaPrediction, 'window' | 'likelyNotBefore'> & EtaDates): KeptForecast {
  const { expected, by, likelyNotBefore } = p;
  const { earliest, latest } = p.window;
  return forecasts.intern(`${expected}|${by}|${earliest}|${latest}|${likelyNotBefore}`, () => ({ expected, by, earliest, latest, likelyNotBefore }));
}

/** A forecast made at `predictedAtMs`, or as saved (without nextEventDueMs before it was kept): its numbers. */
export function forecastNumbers(
  p: Pick<EtaPrediction, 'confidence' | 'nextEventDueBy'> & Partial<Pick<EtaPrediction, 'nextEventDueMs'>>,
  predictedAtMs: number,
): ForecastNumbers {
  return { confidence: p.confidence, nextEventDueMs: p.nextEventDueMs ?? Date.parse(p.nextEventDueBy), predictedAtMs };
}

/** Dates written, shared as keptForecast's are. */
export function keptDates(d: EtaDates): KeptDates {
  const { expected, by } = d;
  const { earliest, latest } = d.window;
  return dates.intern(`${expected}|${by}|${earliest}|${latest}`, () => ({ expected, by, earliest, latest }));
}

const forecasts = new InternTable<KeptForecast>();
const dates = new InternTable<KeptDates>();

/** The kept forecast as the delay rules read it (built per judgement, not kept). Its instants came from toISOString: printed back the same. */
export function delayForecastOf(f: KeptForecast, nextEventDueMs: number, predictedAtMs: number): DelayForecast {
  return {
    expected: f.expected,
    by: f.by,
    window: { earliest: f.earliest, latest: f.latest },
    likelyNotBefore: f.likelyNotBefore,
    nextEventDueBy: isoInstant(nextEventDueMs),
    predictedAt: isoInstant(predictedAtMs),
  };
}

export function sameKeptDates(a: KeptDates, b: KeptDates): boolean {
  return a.expected === b.expected && a.by === b.by && a.earliest === b.earliest && a.latest === b.latest;
}
