/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl.DateTimeFormat, so the domain
 * needs no date library. Instants are epoch milliseconds; a wall time is what a clock on the
 * customer's wall shows.
 */
export type WallTime = Readonly<{ year: number; month: number; day: number; hour: number; minute: number }>;

// Building a DateTimeFormat is slow (~0.1 ms); one per zone is enough and holds no state.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23: some locales print midnight as 24:00 with h24, which would roll the date.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function partsAt(epochMs: number, timeZone: string): WallTime & { second: number } {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** The wall time at an instant, e.g. 2026-03-08T07:30Z in America/New_York is 03:30. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = partsAt(epochMs, timeZone);
  return { year, month, day, hour, minute };
}

/** How far the zone's clocks are ahead of UTC at an instant (ms; negative west of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = partsAt(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Every instant at which the zone's clocks show `wall`, earliest first:
 * - usually one;
 * - two in the autumn overlap (01:30 happens twice when clocks go back);
 * - none really exist in the spring gap (02:30 when clocks jump 02:00 -> 03:00): we then return the
 *   one instant read with the offset before the jump (02:30 EST = 03:30 EDT), as Temporal's
 *   'compatible' disambiguation does, so a deadline in the gap moves forward by the gap, never back.
 */
export function instantsOfWallTime(wall: WallTime, timeZone: string): number[] {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // No zone changes its offset twice within two days, so the offsets a day either side bound the answer.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((t) => offsetAt(t, timeZone) === local - t)
    .sort((a, b) => a - b);
  return valid.length ? valid : [local - before];
}

/** The calendar day after the given one (months and years roll over). */
export function nextDay(wall: WallTime): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
