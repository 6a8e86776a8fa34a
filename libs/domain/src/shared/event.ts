/** A domain event or command: plain, serialisable data tagged by its type. */
export type Ev<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;
export type Cmd<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** ISO-8601 instant with offset, e.g. 2026-11-23T10:00:00.000Z. */
export type Instant = string;
/** Calendar date, e.g. 2026-11-30. */
export type CalendarDate = string;
