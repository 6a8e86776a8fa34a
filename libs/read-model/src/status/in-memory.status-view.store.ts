import type { StatusView, StatusViewStore } from '@ot/application';

/**
 * Documents kept in process: for tests and benchmarks, and for EVENT_STORE=memory where a
 * durable view over a non-durable log would be a lie. Documents are shared, not copied:
 * the projection builds new ones instead of mutating, and readers only serialise them.
 */
export class InMemoryStatusViewStore implements StatusViewStore {
  private readonly docs = new Map<string, StatusView>();
  private position = 0;

  async get(orderId: string): Promise<StatusView | undefined> {
    return this.docs.get(orderId);
  }

  async commit(docs: readonly StatusView[], checkpoint: number): Promise<void> {
    for (const doc of docs) this.docs.set(doc.orderId, doc);
    this.position = checkpoint;
  }

  async checkpoint(): Promise<number> {
    return this.position;
  }
}
