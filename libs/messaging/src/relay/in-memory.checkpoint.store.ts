import type { CheckpointStore } from '@ot/application';

/** Checkpoints in a Map: tests, and embedded runs that replay from the start on every boot. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();

  async load(name: string): Promise<number> {
    return this.positions.get(name) ?? 0;
  }

  async save(name: string, position: number): Promise<void> {
    // Never move backwards: two racing savers (or a replay) must not re-expose old events.
    this.positions.set(name, Math.max(position, this.positions.get(name) ?? 0));
  }
}
