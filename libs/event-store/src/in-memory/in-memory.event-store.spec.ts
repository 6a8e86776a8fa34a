import { describeEventStoreContract } from '../contract/event-store.contract';
import { InMemoryEventStore } from './in-memory.event-store';

describeEventStoreContract('in-memory', async () => new InMemoryEventStore());
