import type { EventStore } from '@ot/application';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { describeIfReachable, dockerProbe, probeSync } from '@ot/testing';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

// EVENTSTORE_URL wins; else a throwaway container if a Docker engine answers; else a visible skip.
const url = process.env.EVENTSTORE_URL;
const socket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
const dockerDown = url ? null : probeSync(dockerProbe(socket), 3000);
const reason = url || !dockerDown ? null : `EVENTSTORE_URL not set and no Docker engine (${dockerDown})`;

describeIfReachable('eventstoredb contract', reason, () => {
  let connectionString: Promise<string> | undefined;
  let stopContainer: (() => Promise<unknown>) | undefined;

  const start = async (): Promise<string> => {
    if (url) return url;
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('eventstore/eventstore:24.10')
      .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_MEM_DB: 'true' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forLogMessage(/IS LEADER/))
      .start();
    stopContainer = () => container.stop();
    return `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  };

  afterAll(async () => stopContainer?.(), 60_000);

  const open = async (): Promise<EventStore> => new EventStoreDbEventStore({ connectionString: await (connectionString ??= start()) });
  describeEventStoreContract('eventstoredb', open, { densePositions: false });
});
