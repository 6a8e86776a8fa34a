/**
 * The one place the domain reads an IANA time zone, through the runtime's Intl data, so it needs
 * no date library. ETA days, promises and quiet hours all build on these two functions.
 */
export type WallParts = Readonly<{ year: number; month: number; day: number; hour: number; minute: number; second: number }>;

// Building a DateTimeFormat is slow; one per zone is enough and holds no state.
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
  const offset = epochMs >= FAST_FROM && epochMs < FAST_UNTIL ? cachedOffset(epochMs, timeZone) : undefined;
  if (offset === undefined) return exactWallPartsAt(epochMs, timeZone);
  // The wall clock is UTC shifted by the offset (whole seconds), so the UTC fields of the shifted instant are it.
  const d = new Date(epochMs + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** How far the zone's clocks are ahead of UTC at an instant (ms; negative west of Greenwich). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  return (epochMs >= FAST_FROM && epochMs < FAST_UNTIL ? cachedOffset(epochMs, timeZone) : undefined) ?? exactZoneOffsetMs(epochMs, timeZone);
}

function exactWallPartsAt(epochMs: number, timeZone: string): WallParts {
  if (epochMs >= FAST_FROM && epochMs < FAST_UNTIL) return parsedWallPartsAt(epochMs, timeZone);
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/*
 * The same fields read from format()'s one string: a third of formatToParts' cost, which builds an object per part.
 * Where years print as plain digits (FAST_FROM..FAST_UNTIL) the string is the parts' values joined by non-digit
 * literals, so its runs of digits are the values in the parts' order, read once per zone.
 */
const fieldOrders = new Map<string, (keyof WallParts)[]>();
function parsedWallPartsAt(epochMs: number, timeZone: string): WallParts {
  const formatter = formatterFor(timeZone);
  let order = fieldOrders.get(timeZone);
  if (!order) {
    order = formatter.formatToParts(new Date(0)).flatMap((part) => (part.type === 'literal' ? [] : [part.type as keyof WallParts]));
    fieldOrders.set(timeZone, order);
  }
  const text = formatter.format(new Date(epochMs));
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let field = 0;
  let value = -1; // -1: not inside a run of digits
  for (let i = 0; i <= text.length; i++) {
    const digit = i < text.length ? text.charCodeAt(i) - 48 : -1;
    if (digit >= 0 && digit <= 9) value = (value < 0 ? 0 : value * 10) + digit;
    else if (value >= 0) {
      p[order[field++]] = value;
      value = -1;
    }
  }
  return p;
}

function exactZoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = exactWallPartsAt(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
}

/*
 * formatToParts is costly per call (docs/PERFORMANCE.md). Offsets change only at transitions, never twice
 * within an hour, so per (zone, UTC hour) the offset is read at the hour's first and last second:
 * equal, it holds for the whole hour and is cached; different (a transition inside this hour, as in
 * half-hour zones like America/St_Johns), the hour is marked and every call in it is computed
 * exactly. Years 1000..9000 only, where Intl prints plain numeric years like the UTC getters.
 */
const HOUR_MS = 3_600_000;
const FAST_FROM = Date.UTC(1000, 0, 2);
const FAST_UNTIL = Date.UTC(9000, 0, 1);
const MIXED = Number.NaN;
const MAX_HOURS_PER_ZONE = 200_000; // ~23 years of hours; cleared when full
const offsetsByZone = new Map<string, Map<number, number>>();

function cachedOffset(epochMs: number, timeZone: string): number | undefined {
  let hours = offsetsByZone.get(timeZone);
  if (!hours) offsetsByZone.set(timeZone, (hours = new Map()));
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = exactZoneOffsetMs(hour * HOUR_MS, timeZone);
    const last = exactZoneOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone);
    offset = first === last ? first : MIXED;
    if (hours.size >= MAX_HOURS_PER_ZONE) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? undefined : offset;
}
