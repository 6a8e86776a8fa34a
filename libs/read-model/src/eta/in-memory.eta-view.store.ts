import type { EtaProjectionState, EtaView, EtaViewChanges, EtaViewStore, ViewCommitListener } from '@ot/application';
import { CommitListeners } from '../commit-listeners';
import { changedIds } from './eta-view.changes';

/** For tests, the benchmark and a rebuild dry-run. Not durable. */
export class InMemoryEtaViewStore implements EtaViewStore {
  private readonly docs = new Map<string, EtaView>();
  private position = 0;
  private state: { state: EtaProjectionState; position: number } | undefined;
  private readonly listeners = new CommitListeners();

  async get(orderId: string): Promise<EtaView | undefined> {
    return this.docs.get(orderId);
  }

  async json(orderId: string): Promise<string | undefined> {
    const doc = this.docs.get(orderId);
    return doc && JSON.stringify(doc);
  }

  async commit(changes: EtaViewChanges, checkpoint: number): Promise<void> {
    // the caller's objects are copied so a later change on its side cannot leak into the view
    for (const doc of changes.upserts) this.docs.set(doc.orderId, structuredClone(doc));
    for (const id of changes.removals) this.docs.delete(id);
    this.position = checkpoint;
    this.listeners.notify(() => changedIds(changes));
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  async checkpoint(): Promise<number> {
    return this.position;
  }

  async all(): Promise<EtaView[]> {
    return [...this.docs.values()].sort((a, b) => a.orderId.localeCompare(b.orderId));
  }

  async saveState(state: EtaProjectionState, position: number): Promise<void> {
    this.state = { state: structuredClone(state), position };
  }

  async loadState(): Promise<{ state: EtaProjectionState; position: number } | undefined> {
    return this.state && { state: structuredClone(this.state.state), position: this.state.position };
  }
}
