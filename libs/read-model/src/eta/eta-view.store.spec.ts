import { describeIfReachable, memoryBackings, postgresBackings, postgresUnreachable, sqliteBackings } from '@ot/testing';
import { describeEtaViewContract } from '../contract';
import { InMemoryEtaViewStore } from './in-memory.eta-view.store';
import { PostgresEtaViewStore } from './postgres.eta-view.store';
import { SqliteEtaViewStore } from './sqlite.eta-view.store';

describeEtaViewContract(
  'in-memory',
  memoryBackings(() => new InMemoryEtaViewStore()),
);
describeEtaViewContract(
  'sqlite',
  sqliteBackings('eta-view', (path) => new SqliteEtaViewStore(path)),
);
describeIfReachable('ETA view on PostgreSQL', postgresUnreachable(), () => {
  describeEtaViewContract(
    'postgres',
    postgresBackings('eta_view_test', (db) => PostgresEtaViewStore.open(db)),
  );
});
