import { describeIfReachable, memoryBackings, postgresBackings, postgresUnreachable, sqliteBackings } from '@ot/testing';
import { describeCheckpointStoreContract } from '../contract/checkpoint-store.contract';
import { InMemoryCheckpointStore } from './in-memory.checkpoint.store';
import { PostgresCheckpointStore } from './postgres.checkpoint.store';
import { SqliteCheckpointStore } from './sqlite.checkpoint.store';

describeCheckpointStoreContract(
  'in-memory',
  memoryBackings(() => new InMemoryCheckpointStore()),
);
describeCheckpointStoreContract(
  'sqlite',
  sqliteBackings('checkpoint', (path) => new SqliteCheckpointStore(path)),
);
describeIfReachable('checkpoints on PostgreSQL', postgresUnreachable(), () => {
  describeCheckpointStoreContract(
    'postgres',
    postgresBackings('checkpoint_test', (db) => PostgresCheckpointStore.open(db)),
  );
});
