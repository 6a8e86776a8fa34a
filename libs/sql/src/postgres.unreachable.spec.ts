import { PostgresDatabase } from './postgres.database';

// A wrong DATABASE_URL stopped a process with "connect ECONNREFUSED 127.0.0.1:5439" alone: nothing said it
// was PostgreSQL, or which setting to look at. The first contact's failure names both, never the password.
describe('PostgresDatabase.connect, server not there', () => {
  it('fails naming PostgreSQL, where (without the password), DATABASE_URL and the cause', async () => {
    const failure = PostgresDatabase.connect({ connectionString: 'postgres://app:s3cret-pw@127.0.0.1:1/orders' });
    await expect(failure).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1\/orders \(DATABASE_URL\) did not answer: .*ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);
  });
});
