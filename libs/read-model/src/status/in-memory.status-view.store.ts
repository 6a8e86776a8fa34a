import {
  ORDER_HEALTHS,
  type OrderHealth,
  orderHealthOf,
  type StatusView,
  type StatusViewStore,
  type StoredStatusView,
  type ViewCommitListener,
} from '@ot/application';
import { CommitListeners } from '../commit-listeners';

/**
 * Documents kept in process: for tests and benchmarks, and for EVENT_STORE=memory where a
 * durable view over a non-durable log would be a lie. Documents are shared, not copied:
 * the projection builds new ones instead of mutating, and readers only serialise them.
 */
export class InMemoryStatusViewStore implements StatusViewStore {
  private readonly docs = new Map<string, StatusView>();
  private position = 0;
  private readonly listeners = new CommitListeners();

  async get(orderId: string): Promise<StatusView | undefined> {
    return this.docs.get(orderId);
  }

  async stored(orderId: string): Promise<StoredStatusView | undefined> {
    const doc = this.docs.get(orderId);
    return doc && { customerId: doc.customerId, version: doc.version, json: JSON.stringify(doc) };
  }

  async commit(docs: readonly StatusView[], checkpoint: number): Promise<void> {
    for (const doc of docs) this.docs.set(doc.orderId, doc);
    this.position = checkpoint;
    this.listeners.notify(() => docs.map((doc) => doc.orderId));
  }

  onCommit(listener: ViewCommitListener): () => void {
    return this.listeners.add(listener);
  }

  async checkpoint(): Promise<number> {
    return this.position;
  }

  async countByHealth(): Promise<Record<OrderHealth, number>> {
    const counts = Object.fromEntries(ORDER_HEALTHS.map((h) => [h, 0])) as Record<OrderHealth, number>;
    for (const doc of this.docs.values()) counts[orderHealthOf(doc)]++;
    return counts;
  }
}
