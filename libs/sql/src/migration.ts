/**
 * One schema change of one store, numbered from 1 with no holes. `up` is plain SQL for the store's
 * dialect; it runs once, in the transaction that records its number.
 */
export type Migration = Readonly<{ version: number; name: string; up: string }>;

/** Refuses a list whose numbers are not 1, 2, 3...: a hole or a repeat would skip or re-run a change. */
export function checkNumbering(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration "${m.name}" is numbered ${m.version}, expected ${i + 1}`);
  });
  return migrations.length;
}

/** A file or schema written by a newer release: running older code on it would misread it. */
export function newerThanKnown(what: string, found: number, known: number): Error {
  return new Error(`${what} is at schema version ${found}, newer than this release knows (${known}); upgrade the service`);
}
