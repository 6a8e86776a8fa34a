/**
 * One line of `<data>/outbox/<channel>.jsonl`: what a customer was sent. The notifier writes
 * `sentAt` (clock time of the send), `orderId` (or `orderIds` for a digest) and `kind`; older
 * lines carry only `at`, `notificationId` (`<orderId>:<kind>:<event>`) and `data.{orderId,kind}`,
 * read as a fallback.
 */
export type SentMessage = Readonly<{
  orderIds: readonly string[];
  kind: string;
  channel: string;
  /** Epoch ms of the send, on the service's clock. */
  sentAt: number;
  title: string;
  text: string;
  data: Readonly<Record<string, unknown>>;
}>;

type RawLine = Partial<{
  sentAt: string;
  at: string;
  orderId: string;
  orderIds: string[];
  kind: string;
  channel: string;
  notificationId: string;
  title: string;
  text: string;
  data: Record<string, unknown>;
}>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function parseOutboxLine(line: string): SentMessage {
  const raw = JSON.parse(line) as RawLine;
  const data = raw.data && typeof raw.data === 'object' ? raw.data : {};
  const [idOrder, idKind] = (raw.notificationId ?? '').split(':');
  const orderId = str(raw.orderId) ?? str(data.orderId) ?? str(idOrder);
  const sentAt = Date.parse(raw.sentAt ?? raw.at ?? '');
  if (Number.isNaN(sentAt)) throw new Error(`outbox line without a send time: ${line.slice(0, 200)}`);
  return {
    orderIds: Array.isArray(raw.orderIds) ? raw.orderIds : orderId ? [orderId] : [],
    kind: str(raw.kind) ?? str(data.kind) ?? str(idKind) ?? 'unknown',
    channel: raw.channel ?? 'unknown',
    sentAt,
    title: raw.title ?? '',
    text: raw.text ?? '',
    data,
  };
}

/** The order page's signed link (`/t/<token>`, SMS `/s/<token>`): its expiry is wall-clock time, so it differs between runs. */
const ORDER_LINK = /\/([ts])\/[A-Za-z0-9_.-]+/g;

/**
 * A line as compared between two replays: as written, except `at` when the line also has
 * `sentAt` (then `at` is the wall time of the write, which differs between any two runs and is
 * no part of what the customer got), and the order links' tokens, signed with a wall-clock expiry.
 */
export function canonicalLine(line: string): string {
  const raw = JSON.parse(line) as Record<string, unknown>;
  if (!('sentAt' in raw)) return line;
  delete raw.at;
  return JSON.stringify(raw).replace(ORDER_LINK, '/$1/<link>');
}

/** Both runs sent the same messages: the canonical lines, sorted, are equal byte for byte. */
export function sameMessages(a: readonly string[], b: readonly string[]): { identical: boolean; onlyInFirst: string[]; onlyInSecond: string[] } {
  const count = (lines: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of lines.map(canonicalLine)) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const [ca, cb] = [count(a), count(b)];
  const missing = (x: Map<string, number>, y: Map<string, number>): string[] =>
    [...x].flatMap(([line, n]) => Array<string>(Math.max(0, n - (y.get(line) ?? 0))).fill(line)).sort();
  const onlyInFirst = missing(ca, cb);
  const onlyInSecond = missing(cb, ca);
  return { identical: onlyInFirst.length === 0 && onlyInSecond.length === 0, onlyInFirst, onlyInSecond };
}
