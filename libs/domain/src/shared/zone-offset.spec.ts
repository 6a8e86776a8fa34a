import { wallPartsAt, zoneOffsetMs } from './zone-offset';

/** What formatToParts says, the reference the cached and parsed paths must agree with. */
function partsOf(epochMs: number, timeZone: string): Record<string, number> {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return Object.fromEntries(f.formatToParts(new Date(epochMs)).flatMap((p) => (p.type === 'literal' ? [] : [[p.type, Number(p.value)]])));
}

describe('zone offsets', () => {
  const zones = ['America/Sao_Paulo', 'America/Manaus', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/London', 'UTC'];
  const instants = Array.from({ length: 200 }, (_, i) => Date.UTC(1016 + i * 41, i % 12, 1 + (i % 28), i % 24, (i * 7) % 60, (i * 13) % 60));
  // around Brazil's 2017 DST start (clocks 00:00 -> 01:00 on 15 October) and end (18 February 2018)
  const transitions = [Date.UTC(2017, 9, 15, 2, 30), Date.UTC(2017, 9, 15, 3, 0, 1), Date.UTC(2018, 1, 18, 1, 59, 59), Date.UTC(2018, 1, 18, 2)];

  it.each(zones)('reads the same wall clock as formatToParts in %s, years 1016-9175', (zone) => {
    for (const at of [...instants, ...transitions]) {
      const { year, month, day, hour, minute, second } = wallPartsAt(at, zone);
      expect({ year, month, day, hour, minute, second }).toEqual(partsOf(at, zone));
      const w = partsOf(at, zone);
      expect(zoneOffsetMs(at, zone)).toBe(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000);
    }
  });
});
