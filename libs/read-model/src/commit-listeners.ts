import type { ViewCommitListener } from '@ot/application';

/** The onCommit subscribers of one view store, told the changed order ids after each commit. */
export class CommitListeners {
  private readonly listeners = new Set<ViewCommitListener>();

  add(listener: ViewCommitListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** `ids` is built only when someone listens. */
  notify(ids: () => readonly string[]): void {
    if (this.listeners.size === 0) return;
    const orderIds = ids();
    if (orderIds.length === 0) return;
    for (const listener of this.listeners) listener(orderIds);
  }
}
