/**
 * The one place the domain reads an IANA time zone, through the runtime's Intl data, so it needs
 * no date library. ETA days, promises and quiet hours all build on these two functions.
 */
export type WallParts = Readonly<{ year: number; month: number; day: number; hour: number; minute: number; second: number }>;

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

/** What a clock in `timeZone` shows at an instant. */
export function wallPartsAt(epochMs: number, timeZone: string): WallParts {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** How far the zone's clocks are ahead of UTC at an instant (ms; negative west of Greenwich). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallPartsAt(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
}
