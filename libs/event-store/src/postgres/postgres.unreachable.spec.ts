import { PostgresEventStore } from './postgres.event-store';

// The event store is the first thing a replica connects to: its failure must say what it failed to reach.
describe('PostgresEventStore.connect, server not there', () => {
  it('fails naming PostgreSQL, where (without the password), DATABASE_URL and the cause', async () => {
    const failure = PostgresEventStore.connect({ connectionString: 'postgres://app:s3cret-pw@127.0.0.1:1/orders' });
    await expect(failure).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1\/orders \(DATABASE_URL\) did not answer: .*ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);
  });
});
