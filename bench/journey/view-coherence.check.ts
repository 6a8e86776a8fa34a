import { type CalendarDate, localDateOf, TERMINAL, type Milestone } from '@ot/domain';

/** The fields of GET /orders/:id the checks read; anything else in the body is ignored. */
export type OrderViewBody = Readonly<{
  orderId: string;
  status: string;
  statusAt: string;
  promisedBy: CalendarDate;
  delay?: Readonly<{ isDelayed?: boolean; late?: boolean; state?: string; promiseBroken?: boolean }>;
  timeline?: ReadonlyArray<Readonly<{ occurredAt: string }>>;
  eta?: Readonly<{ expected: CalendarDate; by: CalendarDate; window: Readonly<{ earliest: CalendarDate; latest: CalendarDate }> }> | null;
}>;

export const INCOHERENCES = [
  'promise-broken-not-late',
  'open-expected-before-today',
  'window-excludes-expected',
  'by-before-expected',
  'delivered-still-delayed',
  'delivered-late-promise-not-broken',
] as const;
export type Incoherence = (typeof INCOHERENCES)[number];

const DELIVERED: ReadonlySet<string> = new Set<Milestone>(['Delivered', 'PickedUp']);
/** Delay states that say "late" when the view names its state instead of (or beside) the flags. */
const LATE_STATES: ReadonlySet<string> = new Set(['late', 'promise-broken', 'delivered-late']);

/**
 * Where a view contradicts itself, judged on `today` (the customer's current day): each rule is
 * something a customer reading the screen would call wrong.
 */
export function incoherencesOf(view: OrderViewBody, today: CalendarDate, timeZone: string): Incoherence[] {
  const found: Incoherence[] = [];
  const delay = view.delay ?? {};
  const eta = view.eta ?? undefined;
  const delivered = DELIVERED.has(view.status);
  const open = !TERMINAL.has(view.status as Milestone);
  const isLate = Boolean(delay.isDelayed || delay.late || (delay.state && LATE_STATES.has(delay.state)));
  // A delivered order is judged by its delivery day instead (last rule): it is no longer late.
  if (open && delay.promiseBroken && !isLate) found.push('promise-broken-not-late');
  if (open && eta && eta.expected < today) found.push('open-expected-before-today');
  if (eta && !(eta.window.earliest <= eta.expected && eta.expected <= eta.window.latest)) found.push('window-excludes-expected');
  if (eta && eta.by < eta.expected) found.push('by-before-expected');
  if (delivered && delay.isDelayed) found.push('delivered-still-delayed');
  if (delivered && localDateOf(Date.parse(view.statusAt), timeZone) > view.promisedBy && !delay.promiseBroken) found.push('delivered-late-promise-not-broken');
  return found;
}
