import { describeIfReachable, postgresBackings, postgresUnreachable, sqliteBackings } from '@ot/testing';
import { describePartnerOutboxContract } from '../contract/partner-outbox.contract';
import { PostgresPartnerOutboxStore } from './postgres.partner-outbox.store';
import { SqlitePartnerOutboxStore } from './sqlite.partner-outbox.store';

describePartnerOutboxContract(
  'sqlite',
  sqliteBackings('partner-outbox', (path) => new SqlitePartnerOutboxStore(path)),
);
describeIfReachable('partner outbox on PostgreSQL', postgresUnreachable(), () => {
  describePartnerOutboxContract(
    'postgres',
    postgresBackings('partner_outbox_test', (db) => PostgresPartnerOutboxStore.open(db)),
  );
});
