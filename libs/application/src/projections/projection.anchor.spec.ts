import { streamIdOf } from '@ot/domain';
import { InMemoryEventStore } from '@ot/event-store';
import { eventually, placed } from '@ot/testing';
import type { RecordedEvent } from '../ports/event-store.port';
import type { CheckpointAnchor, CheckpointAnchoring } from './checkpoint-anchor';
import { followProjection, type Projection } from './projection';

/** A projection whose documents, checkpoint and anchor outlive a run, as a file beside the log does. */
class Kept implements Projection, CheckpointAnchoring {
  readonly name = 'kept';
  readonly anchoring = this;
  seen: string[] = [];
  position = 0;
  anchor?: CheckpointAnchor;
  resets = 0;
  async checkpoint(): Promise<number> {
    return this.position;
  }
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    this.seen.push(...events.map((e) => e.streamId));
    this.position = events[events.length - 1]!.globalPosition;
  }
  async savedAnchor(): Promise<CheckpointAnchor | undefined> {
    return this.anchor;
  }
  async saveAnchor(anchor: CheckpointAnchor): Promise<void> {
    this.anchor = anchor;
  }
  async reset(): Promise<void> {
    [this.seen, this.position, this.anchor, this.resets] = [[], 0, undefined, this.resets + 1];
  }
}

async function logOf(...orderIds: string[]): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  for (const id of orderIds) await store.appendToStream(streamIdOf(id), [placed(id)], { expectedVersion: 0 });
  return store;
}

async function run(store: InMemoryEventStore, projection: Kept, until: number): Promise<void> {
  const following = await followProjection(store, projection);
  await eventually(async () => expect(projection.position).toBe(until));
  await following.stop();
}

describe('followProjection and the checkpoint anchor', () => {
  it('resumes from a checkpoint taken from this log', async () => {
    const log = await logOf('a1', 'a2');
    const projection = new Kept();
    await run(log, projection, 2);
    expect(projection.anchor).toEqual({ position: 2, anchor: `${streamIdOf('a2')}@1` });
    await log.appendToStream(streamIdOf('a3'), [placed('a3')], { expectedVersion: 0 });
    await run(log, projection, 3);
    expect([projection.seen, projection.resets]).toEqual([['a1', 'a2', 'a3'].map(streamIdOf), 0]);
  });

  it('rebuilds from the start when the checkpoint was taken beside another log, longer or shorter', async () => {
    const projection = new Kept();
    await run(await logOf('a1', 'a2'), projection, 2);
    await run(await logOf('b1', 'b2', 'b3'), projection, 3); // without the check, b1 and b2 would be skipped
    expect(projection.seen).toEqual(['b1', 'b2', 'b3'].map(streamIdOf));
    await run(await logOf('c1'), projection, 1);
    expect([projection.seen, projection.resets]).toEqual([[streamIdOf('c1')], 2]);
  });

  it('rebuilds a checkpoint that has no anchor (written before anchors, or lost)', async () => {
    const projection = new Kept();
    projection.position = 1;
    await run(await logOf('d1', 'd2'), projection, 2);
    expect([projection.seen, projection.resets]).toEqual([['d1', 'd2'].map(streamIdOf), 1]);
  });
});
