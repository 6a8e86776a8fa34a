/**
 * The failure of a process's first contact with PostgreSQL, saying what it could not reach and which
 * setting names it; the connection string's password stays out of the message.
 */
export function postgresUnreachable(connectionString: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`PostgreSQL at ${whereOf(connectionString)} (DATABASE_URL) did not answer: ${reason}`, { cause });
}

function whereOf(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'an unparsable address';
  }
}
