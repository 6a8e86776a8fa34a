import { DomainError } from '@ot/domain';
import type { AppendOutcome } from '../shared/group-commit.queue';
import type { SqliteCommitted, TextAppend } from './sqlite.group-committer';

/** Messages between the store (main thread) and its writer thread. */
export type CommitRequest = { id: number; group: TextAppend[] };
export type CommitReply = { id: number; outcomes: WireOutcome[] } | { id: number; failure: WireError };
export type WriterBoot = { path: string };

/** Errors lose their class and own fields in a structured clone, so they cross as plain data. */
export type WireError = { name: string; message: string; code?: unknown; details?: Readonly<Record<string, unknown>> };
type WireOutcome = { ok: SqliteCommitted } | { error: WireError };

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, details } = error as { code?: unknown; details?: Readonly<Record<string, unknown>> };
  return { name: error.name, message: error.message, code, details };
}

export function fromWireError(wire: WireError): Error {
  if (wire.name === 'DomainError') return new DomainError(wire.code as DomainError['code'], wire.message, wire.details);
  return Object.assign(new Error(wire.message), { name: wire.name, code: wire.code });
}

export const toWireOutcomes = (outcomes: AppendOutcome<SqliteCommitted>[]): WireOutcome[] =>
  outcomes.map((o) => (o instanceof Error ? { error: toWireError(o) } : { ok: o }));

export const fromWireOutcomes = (outcomes: WireOutcome[]): AppendOutcome<SqliteCommitted>[] =>
  outcomes.map((o) => ('error' in o ? fromWireError(o.error) : o.ok));
