/**
 * `new Date(ms).toISOString()`, remembered: a tick judges every open order, each with two instants that many orders
 * share (forecast at the same moment, due at the same one). Printing one costs about 1.5 us here, a Map read 0.05,
 * and one printed from its day's remembered text and the time's digits 0.4.
 */
export function isoInstant(ms: number): string {
  let text = PRINTED.get(ms);
  if (text === undefined) {
    text = printed(ms); // throws on NaN, as before, and keeps nothing
    if (PRINTED.size >= MAX_PRINTED) PRINTED.clear();
    PRINTED.set(ms, text);
  }
  return text;
}

const MAX_PRINTED = 4096; // about 250 KB at most
const PRINTED = new Map<number, string>();

const DAY_MS = 86_400_000;
const FROM = Date.UTC(1000, 0, 1); // four-digit years, where toISOString prints no sign
const UNTIL = Date.UTC(9999, 11, 31);
const DAYS = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function printed(ms: number): string {
  if (!(ms >= FROM && ms < UNTIL) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let date = DAYS.get(day);
  if (date === undefined) {
    if (DAYS.size >= MAX_PRINTED) DAYS.clear();
    DAYS.set(day, (date = new Date(day * DAY_MS).toISOString().slice(0, 11)));
  }
  const t = ms - day * DAY_MS;
  const hours = TWO[Math.floor(t / 3_600_000)];
  const minutes = TWO[Math.floor(t / 60_000) % 60];
  return `${date}${hours}:${minutes}:${TWO[Math.floor(t / 1000) % 60]}.${THREE[t % 1000]}Z`;
}
